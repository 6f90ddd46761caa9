package io.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on the build machines: this checks that the Dockerfile, the compose file, the Maven
 * build and the README agree (jar name, port, environment variables).
 */
class DockerSetupTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final Path DOCKER = ROOT.resolve("docker");

    @Test
    void theImageRunsTheJarTheBuildMakesOnTheDefaultPort() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        String jar = "gateway/target/" + finalName() + ".jar";

        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).as("the Dockerfile copies the jar").isTrue();
        assertThat(copy.group(1)).isEqualTo(jar);
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]");
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + defaultPort() + "$");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.dockerignore"))).contains("!" + jar);
    }

    @Test
    void composeRunsTheGatewayWithPostgresAndKraftKafka() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsOnlyKeys("gateway", "postgres", "kafka");

        Map<String, Object> gateway = services.get("gateway");
        Map<String, Object> build = map(gateway.get("build"));
        assertThat(DOCKER.resolve(build.get("context").toString()).resolve(build.get("dockerfile").toString())
                .normalize()).isEqualTo(DOCKER.resolve("Dockerfile"));
        assertThat(list(gateway.get("ports"))).contains(defaultPort() + ":" + defaultPort());

        Map<String, Object> environment = map(gateway.get("environment"));
        Map<String, Object> postgres = map(services.get("postgres").get("environment"));
        assertThat(environment.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(environment.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(environment.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(environment).containsKey("TRACEGATE_ADMIN_KEY");
        assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");

        // large captures commit their events by two-phase commit: the server must allow prepared transactions
        assertThat(String.join(" ", list(services.get("postgres").get("command")).stream().map(Object::toString)
                .toList())).containsPattern("-c max_prepared_transactions=([1-9][0-9]*)");
        assertThat(Files.readString(MODULE.resolve("src/test/java/io/tracegate/gateway/GatewayTest.java")))
                .as("the Testcontainers database of the tests allows prepared transactions as compose's does")
                .contains("\"-c\", \"max_prepared_transactions=64\"");

        Map<String, Object> kafka = map(services.get("kafka").get("environment"));
        assertThat(kafka.get("KAFKA_PROCESS_ROLES").toString()).contains("controller");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("kafka:9092");
    }

    @Test
    void theReadmeDocumentsTheJarThePortAndEveryVariableTheImagesUse() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String jar = "gateway/target/" + finalName() + ".jar";

        assertThat(readme).contains("java -jar " + jar);
        assertThat(readme).contains("http://localhost:" + defaultPort());
        assertThat(readme).contains("docker compose -f docker/compose.yaml up");
        assertThat(readme).contains("docker build -f docker/Dockerfile");
        for (String variable : map(services().get("gateway").get("environment")).keySet()) {
            assertThat(readme).as("README mentions " + variable).contains(variable);
        }
        Matcher env = Pattern.compile("(?m)^ENV (\\w+)=").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        while (env.find()) {
            assertThat(readme).as("README mentions " + env.group(1)).contains(env.group(1));
        }
    }

    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return map(compose.get("services"));
        }
    }

    private static String finalName() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODULE.resolve("pom.xml").toFile())
                    .getElementsByTagName("finalName").item(0).getTextContent().strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the gateway's finalName", e);
        }
    }

    private static int defaultPort() throws IOException {
        try (Reader reader = Files.newBufferedReader(MODULE.resolve("src/main/resources/application.yml"))) {
            Map<String, Object> yml = new Yaml().load(reader);
            return (Integer) map(yml.get("server")).get("port");
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object yaml) {
        return (Map<String, V>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }
}
