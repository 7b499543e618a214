package eu.citiesgateway.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A way in to a server on a port of its own that a test can shut, as an outage would, and
 * open again on the same port: it copies the bytes of each connection to and from the
 * server, taking off the TLS first when given a context for that (mongo-java-server
 * speaks no TLS itself). Shut, it refuses connections and has cut those it had.
 */
final class Gate implements AutoCloseable {

	private final ServerSocketFactory sockets;

	private final int port;

	private final InetSocketAddress target;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private Gate(ServerSocketFactory sockets, int port, InetSocketAddress target) {
		this.sockets = sockets;
		this.port = port;
		this.target = target;
	}

	/**
	 * Opens a gate to a server on a free port.
	 * @param target the server
	 * @param tls the TLS a client must speak to the gate, {@code null} for none (what it
	 * copies then is whatever the client and the server say, TLS or not)
	 * @return the open gate
	 * @throws IOException if no port can be bound
	 */
	static Gate open(InetSocketAddress target, SSLContext tls) throws IOException {
		return open(0, target, tls);
	}

	/**
	 * Opens a gate to a server on a given port.
	 * @param port the port, 0 for a free one
	 * @param target the server
	 * @param tls the TLS a client must speak to the gate, {@code null} for none
	 * @return the open gate
	 * @throws IOException if the port cannot be bound
	 */
	static Gate open(int port, InetSocketAddress target, SSLContext tls) throws IOException {
		ServerSocketFactory sockets = (tls != null) ? tls.getServerSocketFactory() : ServerSocketFactory.getDefault();
		ServerSocket server = bind(sockets, port);
		Gate gate = new Gate(sockets, server.getLocalPort(), target);
		gate.listen(server);
		return gate;
	}

	int port() {
		return this.port;
	}

	String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Shuts the gate: no new connection, and those open are cut.
	 * @throws IOException if the port cannot be closed
	 */
	synchronized void shut() throws IOException {
		ServerSocket server = this.server;
		this.server = null;
		if (server != null) {
			server.close();
		}
		for (Socket connection : this.connections) {
			connection.close();
		}
	}

	/**
	 * Opens the gate again, on the same port.
	 * @throws IOException if the port cannot be bound again
	 */
	synchronized void reopen() throws IOException {
		if (this.server == null) {
			listen(bind(this.sockets, this.port));
		}
	}

	@Override
	public void close() throws IOException {
		shut();
	}

	private static ServerSocket bind(ServerSocketFactory sockets, int port) throws IOException {
		ServerSocket server = sockets.createServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		return server;
	}

	private void listen(ServerSocket server) {
		this.server = server;
		daemon(() -> accept(server), "gate-" + this.port);
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				this.connections.add(client);
				try {
					Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
					this.connections.add(upstream);
					daemon(() -> copy(client, upstream), "gate-" + this.port + "-in");
					daemon(() -> copy(upstream, client), "gate-" + this.port + "-out");
				}
				catch (IOException ex) {
					// the server refused: the client sees its connection close
					this.connections.remove(client);
					client.close();
				}
			}
			catch (IOException ex) {
				// shut: no more connections
			}
		}
	}

	private void copy(Socket from, Socket to) {
		try (from; to) {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// either side closed (or a TLS handshake failed): both are closed now
		}
		finally {
			this.connections.remove(from);
			this.connections.remove(to);
		}
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
