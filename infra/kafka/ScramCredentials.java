// Creates, replaces and deletes SCRAM-SHA-512 credentials through Kafka's Admin API, which kafkajs
// lacks. Run as a single-file program on the broker's own jars:
//   java -cp 'infra/kafka/.libs/*' infra/kafka/ScramCredentials.java <admin-client.properties>
// It reads one change per line on stdin: `upsert <user> <password-file>` or `delete <user>`, so no
// password is ever on a command line. Used by scripts/kafka (provisioning and the partner command).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

public class ScramCredentials {
  public static void main(String[] args) throws Exception {
    Properties config = new Properties();
    try (FileInputStream in = new FileInputStream(args[0])) {
      config.load(in);
    }
    List<UserScramCredentialAlteration> changes = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(System.in));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String[] f = line.trim().split("\\s+");
      if (f[0].isEmpty()) continue;
      switch (f[0]) {
        case "upsert" -> changes.add(new UserScramCredentialUpsertion(f[1], new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), Files.readString(Path.of(f[2])).trim()));
        case "delete" -> changes.add(new UserScramCredentialDeletion(f[1], ScramMechanism.SCRAM_SHA_512));
        default -> throw new IllegalArgumentException("neither upsert nor delete: " + f[0]);
      }
    }
    if (changes.isEmpty()) return;
    try (Admin admin = Admin.create(config)) {
      admin.alterUserScramCredentials(changes).all().get();
    }
    System.err.println("[kafka] SCRAM credentials changed: " + changes.size());
  }
}
