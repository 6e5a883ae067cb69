package io.producergateway.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.producergateway.config.GatewayConfig;
import io.producergateway.config.PartitioningConfig;
import io.producergateway.config.ProducerSettings;
import io.producergateway.delivery.Channels;
import io.producergateway.testing.JwtKeys;
import io.producergateway.testing.SharedKafka;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The Kubernetes manifests in {@code k8s/} and the images in {@code src/main/docker} agree with what the running
 * application really serves and reads: ports, probe paths, environment variable names, shutdown timing and users.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path DOCKER = Path.of("src/main/docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The kinds the base may hold, each with the fabric8 type it is parsed into. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ConfigMap", ConfigMap.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final Map<String, String> PROBES = Map.of(
            "liveness", "/q/health/live",
            "readiness", "/q/health/ready",
            "startup", "/q/health/started");

    /** The running application's configuration (test profile): which keys it reads, its defaults. */
    private final Config config = ConfigProvider.getConfig();

    /**
     * What the deployed application reads: application.properties under the prod profile, where the test harness
     * does not move the HTTP port or anything else.
     */
    private final Config deployed = deployedConfig();

    @Test
    void everyBaseResourceParsesIntoItsKubernetesTypeWithNoUnknownField() throws IOException {
        List<String> resources = strings(yaml(BASE.resolve("kustomization.yaml")).path("resources"));
        assertFalse(resources.isEmpty(), "k8s/base/kustomization.yaml lists no resources");
        try (Stream<Path> files = Files.list(BASE)) {
            Set<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(manifests, new TreeSet<>(resources), "every manifest of k8s/base is a kustomize resource");
        }
        for (String resource : resources) {
            JsonNode tree = yaml(BASE.resolve(resource));
            String kind = tree.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            assertNotNull(type, resource + ": unexpected kind " + kind);
            HasMetadata parsed = read(BASE.resolve(resource), type);
            assertEquals(HasMetadata.getApiVersion(type), parsed.getApiVersion(), resource + " apiVersion");
            List<String> unknown = new ArrayList<>();
            unknownFields(parsed, resource, unknown);
            assertEquals(List.of(), unknown, resource + ": fields Kubernetes does not know (a typo is ignored "
                    + "silently by some tools and refused by others)");
        }
    }

    @Test
    void containerPortIsTheApplicationsHttpPort() {
        int httpPort = httpPort();
        Container container = container();
        assertEquals(1, container.getPorts().size(), "one container port");
        ContainerPort port = container.getPorts().get(0);
        assertEquals(httpPort, port.getContainerPort(), "containerPort vs quarkus.http.port");
        assertEquals("TCP", port.getProtocol());

        Map<String, String> annotations = deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals(Integer.toString(httpPort), annotations.get("prometheus.io/port"), "prometheus.io/port");
        assertServed(annotations.get("prometheus.io/path"), 200);
    }

    @Test
    void probesAskTheHealthEndpointsTheApplicationServesOnTheContainerPort() {
        Container container = container();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("liveness", container.getLivenessProbe());
        probes.put("readiness", container.getReadinessProbe());
        probes.put("startup", container.getStartupProbe());
        for (Map.Entry<String, String> expected : PROBES.entrySet()) {
            Probe probe = probes.get(expected.getKey());
            assertNotNull(probe, expected.getKey() + "Probe is missing");
            assertNotNull(probe.getHttpGet(), expected.getKey() + "Probe is not an HTTP GET");
            assertEquals(expected.getValue(), probe.getHttpGet().getPath(), expected.getKey() + "Probe path");
            assertEquals(httpPort(), resolve(probe.getHttpGet().getPort(), container),
                    expected.getKey() + "Probe port");

            // The test's broker is up: every probe must pass, or Kubernetes would never route to (or would restart) a
            // healthy pod.
            Response answer = given().get(probe.getHttpGet().getPath());
            assertEquals(200, answer.statusCode(), probe.getHttpGet().getPath() + " answered " + answer.asString());
            assertEquals("UP", answer.jsonPath().getString("status"), probe.getHttpGet().getPath() + " is not an UP "
                    + "health answer: " + answer.asString());
        }
    }

    @Test
    void readinessAnswersBeforeTheProbeGivesUp() {
        Duration check = deployedValue("gateway.health.kafka-timeout", Duration.class);
        assertNotNull(check, "gateway.health.kafka-timeout is not configured");
        Probe readiness = container().getReadinessProbe();
        assertNotNull(readiness, "readinessProbe is missing");
        assertTrue(Duration.ofSeconds(readiness.getTimeoutSeconds()).compareTo(check) > 0,
                "readinessProbe.timeoutSeconds (" + readiness.getTimeoutSeconds() + " s) must be above "
                        + "gateway.health.kafka-timeout (" + check + "), so the probe gets the DOWN answer");
    }

    @Test
    void serviceTargetsTheContainerPortAndSelectsThePods() {
        Service service = read(BASE.resolve("service.yaml"), Service.class);
        Map<String, String> podLabels = deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertFalse(service.getSpec().getPorts().isEmpty(), "the Service has no port");
        for (ServicePort port : service.getSpec().getPorts()) {
            assertEquals(httpPort(), resolve(port.getTargetPort(), container()), "Service port " + port.getName()
                    + " targetPort");
        }
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                "the Service selector " + service.getSpec().getSelector() + " matches the pod labels " + podLabels);
    }

    @Test
    void deploymentPdbAndHpaAgreeOnThePods() {
        Deployment deployment = deployment();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()),
                "the Deployment selector matches its pod template");

        PodDisruptionBudget pdb = read(BASE.resolve("pdb.yaml"), PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()),
                "the PodDisruptionBudget selects the pods");

        HorizontalPodAutoscaler hpa = read(BASE.resolve("hpa.yaml"), HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getApiVersion(), hpa.getSpec().getScaleTargetRef().getApiVersion());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        // A node drain must be able to evict a pod: the budget leaves room at the smallest scale.
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas(),
                "PodDisruptionBudget minAvailable below the HPA's minReplicas");
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < deployment.getSpec().getReplicas(),
                "PodDisruptionBudget minAvailable below the Deployment's replicas");
        assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
        // CPU utilization needs a CPU request to be computed against.
        assertNotNull(container().getResources().getRequests().get("cpu"), "the HPA scales on CPU: request CPU");
    }

    @Test
    void everyEnvironmentVariableNamesAConfigurationKeyTheApplicationReads() throws IOException {
        ConfigMap configMap = read(BASE.resolve("configmap.yaml"), ConfigMap.class);
        Container container = container();

        Set<String> names = new LinkedHashSet<>(configMap.getData().keySet());
        container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        // The names the manifests' comments promise are honoured too.
        names.addAll(commentedEnvNames(BASE.resolve("configmap.yaml")));
        names.addAll(commentedEnvNames(BASE.resolve("deployment.yaml")));

        Set<String> envForms = readKeys().stream().map(KubernetesManifestsTest::envForm)
                .collect(Collectors.toSet());
        Set<String> kafkaConfigs = new TreeSet<>(ProducerConfig.configNames());
        kafkaConfigs.addAll(AdminClientConfig.configNames());
        // Any producer setting may be given to one channel, or to every channel through the connector.
        Set<String> producerSettings = new TreeSet<>();
        for (String setting : ProducerConfig.configNames()) {
            producerSettings.add(envForm(ProducerSettings.connectorKey(setting)));
            for (String channel : Channels.ALL) {
                producerSettings.add(envForm(ProducerSettings.key(channel, setting)));
            }
        }
        List<String> unread = new ArrayList<>();
        for (String name : names) {
            boolean kafka = name.startsWith("KAFKA_") && kafkaConfigs.contains(
                    name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
            if (!envForms.contains(name) && !kafka && !producerSettings.contains(name)) {
                unread.add(name);
            }
        }
        assertEquals(List.of(), unread, "environment variables that no configuration key of the application reads");

        // The atomic channel's transactional.id derives from gateway.instance-id: one value for every replica (a
        // ConfigMap entry, a literal) would make them fence each other. Unset, it is the pod's HOSTNAME.
        assertFalse(configMap.getData().containsKey(envForm("gateway.instance-id")),
                "GATEWAY_INSTANCE_ID in the ConfigMap is shared by every replica");
        container.getEnv().stream().filter(env -> env.getName().equals(envForm("gateway.instance-id")))
                .forEach(env -> assertEquals("metadata.name", env.getValueFrom() == null
                        || env.getValueFrom().getFieldRef() == null ? null
                                : env.getValueFrom().getFieldRef().getFieldPath(),
                        "GATEWAY_INSTANCE_ID comes from the pod name"));

        List<String> from = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .filter(ref -> ref != null).map(ref -> ref.getName()).toList();
        assertEquals(List.of(configMap.getMetadata().getName()), from, "the container reads the ConfigMap");
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                assertTrue(Boolean.TRUE.equals(env.getValueFrom().getSecretKeyRef().getOptional()),
                        env.getName() + ": the Secret is optional (a plaintext cluster, JWT-only callers, need none)");
            }
        }
    }

    @Test
    void terminationGraceCoversThePreStopPauseTheRequestsAndTheDrain() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        Duration grace = Duration.ofSeconds(pod.getTerminationGracePeriodSeconds());
        Duration preStop = Duration.ZERO;
        if (container().getLifecycle() != null && container().getLifecycle().getPreStop() != null) {
            List<String> command = container().getLifecycle().getPreStop().getExec().getCommand();
            assertEquals("sleep", command.get(0), "preStop: " + command);
            preStop = Duration.ofSeconds(Long.parseLong(command.get(1)));
        }
        Duration requests = deployedValue("quarkus.shutdown.timeout", Duration.class);
        Duration drain = deployedValue("gateway.shutdown.drain-timeout", Duration.class);
        requests = requests == null ? Duration.ZERO : requests;
        drain = drain == null ? Duration.ZERO : drain;
        Duration needed = preStop.plus(requests).plus(drain);
        assertTrue(grace.compareTo(needed) > 0, "terminationGracePeriodSeconds " + grace.toSeconds() + " s must be "
                + "above preStop " + preStop.toSeconds() + " s + quarkus.shutdown.timeout " + requests.toSeconds()
                + " s + gateway.shutdown.drain-timeout " + drain.toSeconds() + " s");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystem() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "pod runAsNonRoot");
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, "pod runAsUser");
        Container container = container();
        assertEquals(Boolean.TRUE, container.getSecurityContext().getRunAsNonRoot(), "container runAsNonRoot");
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(),
                "container readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(),
                "container allowPrivilegeEscalation");
        // A read-only root needs a writable /tmp for the JVM and Vert.x.
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                "a volume is mounted at /tmp");
        // The JVM image's user.
        assertEquals(dockerUser("Dockerfile.jvm"), Long.toString(pod.getSecurityContext().getRunAsUser()),
                "the base's runAsUser is Dockerfile.jvm's USER");
    }

    @Test
    void nativeOverlayPatchesWhatTheBaseHasAndRunsAsTheNativeImagesUser() {
        JsonNode overlay = yaml(K8S.resolve("overlays/native/kustomization.yaml"));
        assertEquals(List.of("../../base"), strings(overlay.path("resources")));
        JsonNode base = yaml(BASE.resolve("deployment.yaml"));
        Long runAsUser = null;
        for (JsonNode patch : overlay.path("patches")) {
            assertEquals("Deployment", patch.path("target").path("kind").asText());
            assertEquals(base.path("metadata").path("name").asText(), patch.path("target").path("name").asText());
            JsonNode operations;
            try {
                operations = YAML.readTree(patch.path("patch").asText());
            } catch (IOException e) {
                throw new AssertionError("the overlay's patch is not YAML", e);
            }
            for (JsonNode operation : operations) {
                String path = operation.path("path").asText();
                assertFalse(base.at(path).isMissingNode(), "the native overlay patches " + path
                        + ", which the base Deployment does not have");
                if (path.equals("/spec/template/spec/securityContext/runAsUser")) {
                    runAsUser = operation.path("value").asLong();
                }
            }
        }
        assertNotNull(runAsUser, "the native overlay sets runAsUser");
        assertEquals(dockerUser("Dockerfile.native"), Long.toString(runAsUser), "Dockerfile.native USER");
        assertEquals(dockerUser("Dockerfile.native-micro"), Long.toString(runAsUser), "Dockerfile.native-micro USER");
    }

    @Test
    void serviceMonitorScrapesTheServicePortAtThePathTheApplicationServes() {
        Path component = K8S.resolve("components/servicemonitor");
        assertEquals(List.of("servicemonitor.yaml"), strings(yaml(component.resolve("kustomization.yaml"))
                .path("resources")));
        JsonNode monitor = yaml(component.resolve("servicemonitor.yaml"));
        assertEquals("ServiceMonitor", monitor.path("kind").asText());
        Service service = read(BASE.resolve("service.yaml"), Service.class);
        Set<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName)
                .collect(Collectors.toSet());
        // kustomize gives the Service the base's labels: the monitor selects it by them.
        Map<String, String> serviceLabels = new LinkedHashMap<>();
        yaml(BASE.resolve("kustomization.yaml")).path("labels")
                .forEach(l -> l.path("pairs").fields().forEachRemaining(e -> serviceLabels.put(e.getKey(),
                        e.getValue().asText())));
        if (service.getMetadata().getLabels() != null) {
            serviceLabels.putAll(service.getMetadata().getLabels());
        }
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> assertEquals(
                e.getValue().asText(), serviceLabels.get(e.getKey()), "the ServiceMonitor selects the Service"));
        assertTrue(monitor.path("spec").path("endpoints").size() > 0);
        for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
            assertTrue(servicePorts.contains(endpoint.path("port").asText()),
                    "ServiceMonitor port " + endpoint.path("port").asText() + " is a Service port " + servicePorts);
            assertServed(endpoint.path("path").asText(), 200);
        }
    }

    @Test
    void kustomizeImageIsTheContainersImage() {
        String image = container().getImage();
        List<String> base = new ArrayList<>();
        yaml(BASE.resolve("kustomization.yaml")).path("images").forEach(i -> base.add(i.path("name").asText()));
        List<String> overlay = new ArrayList<>();
        yaml(K8S.resolve("overlays/native/kustomization.yaml")).path("images")
                .forEach(i -> overlay.add(i.path("name").asText()));
        assertEquals(List.of(image), base, "the base's images entry names the container image");
        assertEquals(List.of(image), overlay, "the native overlay's images entry names the container image");
    }

    @Test
    void dockerfilesExposeTheHttpPortAndRunAsNonRoot() throws IOException {
        int httpPort = httpPort();
        try (Stream<Path> files = Files.list(DOCKER)) {
            List<Path> dockerfiles = files.filter(f -> f.getFileName().toString().startsWith("Dockerfile")).toList();
            assertFalse(dockerfiles.isEmpty(), "no Dockerfile in " + DOCKER);
            for (Path dockerfile : dockerfiles) {
                List<String> lines = instructions(dockerfile);
                assertTrue(lines.contains("EXPOSE " + httpPort), dockerfile + " exposes " + httpPort);
                String user = dockerUser(dockerfile.getFileName().toString());
                assertNotNull(user, dockerfile + " sets no USER: it would run as root");
                assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:")
                        || user.startsWith("root:"), dockerfile + " runs as root");
            }
        }
    }

    // ---- helpers ----

    private Deployment deployment() {
        return read(BASE.resolve("deployment.yaml"), Deployment.class);
    }

    private Container container() {
        List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** The port the deployed application listens on: {@code quarkus.http.port}, Quarkus' 8080 when unset. */
    private int httpPort() {
        return deployed.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }

    /** A value as deployed: from application.properties (prod profile), else the application's default; or null. */
    private <T> T deployedValue(String key, Class<T> type) {
        return deployed.getOptionalValue(key, type).or(() -> config.getOptionalValue(key, type)).orElse(null);
    }

    private static Config deployedConfig() {
        try {
            return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(
                            Path.of("src/main/resources/application.properties").toUri().toURL(), 250))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port by number or by the name of a container port, as Kubernetes resolves probe and targetPort values. */
    private static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static void assertServed(String path, int status) {
        assertNotNull(path);
        Response answer = given().get(path);
        assertEquals(status, answer.statusCode(), path + " answered " + answer.statusCode());
    }

    /**
     * The configuration keys the running application reads: every property name it knows (application.properties,
     * defaults, the environment), every key of its {@code @ConfigMapping} interfaces and smallrye-jwt's, set or not.
     */
    private Set<String> readKeys() {
        Set<String> keys = new TreeSet<>();
        config.getPropertyNames().forEach(keys::add);
        keys.addAll(ConfigMappings.getProperties(ConfigClass.configClass(GatewayConfig.class, "gateway")).keySet());
        keys.addAll(ConfigMappings.getProperties(ConfigClass.configClass(PartitioningConfig.class,
                "gateway.partitioning")).keySet());
        keys.addAll(JwtKeys.withDefaults().keySet());
        return keys;
    }

    /** MicroProfile Config's environment form of a property name: upper case, every other character '_'. */
    static String envForm(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    /** Names in comments of the form {@code #   NAME: "value"}, which a manifest offers as honoured but unset. */
    private static List<String> commentedEnvNames(Path manifest) throws IOException {
        Pattern commented = Pattern.compile("^\\s*#\\s+([A-Z][A-Z0-9_]+):");
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            Matcher matcher = commented.matcher(line);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        // and the names the deployment's instructions ask to set in the ConfigMap
        Matcher mentioned = Pattern.compile("\\b((?:KAFKA|MP_JWT)_[A-Z0-9_]+)\\b").matcher(Files.readString(manifest));
        while (mentioned.find()) {
            names.add(mentioned.group(1));
        }
        return names;
    }

    /** The last USER of a Dockerfile, or null. */
    private static String dockerUser(String dockerfile) {
        String user = null;
        for (String line : instructions(DOCKER.resolve(dockerfile))) {
            if (line.startsWith("USER ")) {
                user = line.substring("USER ".length()).trim();
            }
        }
        return user;
    }

    private static List<String> instructions(Path dockerfile) {
        try {
            return Files.readAllLines(dockerfile).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new AssertionError(dockerfile + " cannot be read", e);
        }
    }

    private static <T> T read(Path manifest, Class<T> type) {
        try {
            return YAML.readValue(manifest.toFile(), type);
        } catch (IOException e) {
            throw new AssertionError(manifest + " does not parse as " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not YAML: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Collects the fields of a parsed fabric8 object its type does not know (they land in additionalProperties). */
    private static void unknownFields(Object node, String where, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, where + "." + key, unknown));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, where + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(where + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, where + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
