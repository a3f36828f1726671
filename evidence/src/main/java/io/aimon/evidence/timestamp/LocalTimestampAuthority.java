package io.aimon.evidence.timestamp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time stamping authority in-process, for the demo and the tests, never for an audit:
 * its key is made when it starts and its certificate is self-signed, so its stamps prove nothing to
 * anyone else. An EC P-256 key with a certificate for time stamping (critical extended key usage
 * {@code id-kp-timeStamping}), answering {@code POST /tsr} with Bouncy Castle's {@link
 * TimeStampResponseGenerator}, on 127.0.0.1 at a free port. Tests can make it fail the next
 * requests with HTTP 503.
 */
public final class LocalTimestampAuthority implements AutoCloseable {
  /** The policy it stamps under (a private arc). */
  public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1");

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong serial = new AtomicLong(1);
  private volatile String lastContentType;

  private LocalTimestampAuthority(String name) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    keys = g.generateKeyPair();
    X500Name subject = new X500Name("CN=" + name + ", O=aimon local");
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(now),
            new Date(now - 86_400_000L),
            new Date(now + 365 * 86_400_000L),
            subject,
            keys.getPublic());
    b.addExtension(
        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tsr",
        exchange -> {
          requests.incrementAndGet();
          lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] reply;
          try {
            reply = respond(body);
          } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", Rfc3161.REPLY_TYPE);
          exchange.sendResponseHeaders(200, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  /** A TSA named {@code name} (its certificate's CN), started. */
  public static LocalTimestampAuthority start(String name) throws Exception {
    return new LocalTimestampAuthority(name);
  }

  /** The URL to post requests to. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsr");
  }

  /** Its certificate, the one to trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Writes its certificate as PEM to {@code file}. */
  public Path writeCertificate(Path file) throws IOException, GeneralSecurityException {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return file;
  }

  /** Requests answered or refused so far. */
  public int requests() {
    return requests.get();
  }

  /** The Content-Type of the last request. */
  public String lastContentType() {
    return lastContentType;
  }

  /** Answers the next {@code n} requests with HTTP 503. */
  public void failNext(int n) {
    failures.set(n);
  }

  /** The DER response to a DER request: a granted token over its imprint, now. */
  byte[] respond(byte[] requestDer) throws Exception {
    TimeStampRequest request = new TimeStampRequest(requestDer);
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", keys.getPrivate(), certificate),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
            POLICY);
    tokens.addCertificates(new JcaCertStore(List.of(certificate)));
    return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
        .generate(request, BigInteger.valueOf(serial.getAndIncrement()), new Date())
        .getEncoded();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
