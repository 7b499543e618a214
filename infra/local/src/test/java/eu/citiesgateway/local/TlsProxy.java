package eu.citiesgateway.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

/**
 * A TLS front for a server that speaks no TLS itself (mongo-java-server): it accepts TLS
 * connections with the test's certificate and copies the bytes to and from the server.
 * What reaches the server has passed a TLS handshake that the client checked.
 */
final class TlsProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private TlsProxy(ServerSocket server, InetSocketAddress target) {
		this.server = server;
		this.target = target;
	}

	static TlsProxy start(SSLContext context, InetSocketAddress target) throws IOException {
		ServerSocket server = context.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		TlsProxy proxy = new TlsProxy(server, target);
		daemon(proxy::accept, "tls-proxy-accept");
		return proxy;
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				try {
					Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
					this.sockets.add(upstream);
					daemon(() -> copy(client, upstream), "tls-proxy-in");
					daemon(() -> copy(upstream, client), "tls-proxy-out");
				}
				catch (IOException ex) {
					// the server refused: the client sees its connection close
					this.sockets.remove(client);
					client.close();
				}
			}
			catch (IOException ex) {
				// closed: no more connections
			}
		}
	}

	private void copy(Socket from, Socket to) {
		try (from; to) {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// either side closed (or the handshake failed): both are closed now
		}
		finally {
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
