package io.qless.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and its private key as PEM files, made by the
 * JDK's {@code keytool} (no OpenSSL needed). It serves as the server's certificate, the
 * client's certificate and the authority both trust.
 *
 * @param certificate the PEM certificate
 * @param privateKey the PEM private key (PKCS #8)
 */
record TestCertificate(Path certificate, Path privateKey) {

	private static final char[] PASSWORD = "changeit".toCharArray();

	static TestCertificate create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
		Path keyStore = dir.resolve("qless-test.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "qless", "-keyalg",
				"EC", "-groupname", "secp256r1", "-dname", "CN=qless-test", "-validity", "2", "-ext",
				"san=ip:127.0.0.1,dns:localhost", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", new String(PASSWORD)))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("keytool.out").toFile())
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.out")));
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD);
		}
		Certificate certificate = store.getCertificate("qless");
		PrivateKey key = (PrivateKey) store.getKey("qless", PASSWORD);
		Path certificateFile = dir.resolve("qless-test.crt");
		Path keyFile = dir.resolve("qless-test.key");
		Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
		Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
		return new TestCertificate(certificateFile, keyFile);
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

}
