package eu.citiesgateway.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made with the
 * JDK's {@code keytool}: the test's stand-in for a cluster CA and the certificates it
 * signs. Clients trust it as their CA and check the server's name against it.
 *
 * @param keyStore the PKCS12 key store holding the key and the certificate
 * @param password the key store's and the key's password
 * @param certificate the certificate alone, PEM encoded (what a CA's {@code ca.crt} is)
 */
record TestCertificate(Path keyStore, String password, Path certificate) {

	static TestCertificate create(Path directory) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Path keyStore = directory.resolve("server.p12");
		Path certificate = directory.resolve("ca.crt");
		String password = "test-store-secret";
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", password, "-keypass", password);
		keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", password,
				"-file", certificate.toString());
		return new TestCertificate(keyStore, password, certificate);
	}

	/**
	 * What a TLS server presents: this certificate and its key.
	 * @return a context for server sockets
	 * @throws IOException if the key store cannot be read
	 * @throws GeneralSecurityException if it holds no usable key
	 */
	SSLContext serverContext() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			store.load(in, this.password.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, this.password.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	String pem() throws IOException {
		return Files.readString(this.certificate, StandardCharsets.US_ASCII);
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException("keytool " + arguments[0] + " failed: " + output);
		}
	}

}
