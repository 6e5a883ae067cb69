package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.JwtKeys;
import io.producergateway.testing.OtelKeys;
import io.smallrye.config.ConfigMappings;

/**
 * The configuration reference ({@code docs/configuration.md}) says what the code does: every key of
 * {@code application.properties} and of the {@code gateway.*} mappings has a row with its environment variable and its
 * real default, the smallrye-jwt and OpenTelemetry keys it documents have their extension's defaults, and the
 * reference names no key the code does not have.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    /** One row of the reference's tables. */
    record Row(String key, String env, String defaultValue) {
    }

    @Test
    void everyKeyOfApplicationPropertiesIsDocumentedWithItsDefault() throws IOException {
        Map<String, Row> rows = rows();
        List<String> wrong = new ArrayList<>();
        applicationProperties().forEach((key, value) -> {
            Row row = rows.get(key);
            if (row == null) {
                wrong.add(key + ": no row");
            } else if (!row.defaultValue().contains("`" + value + "`")) {
                wrong.add(key + ": the default is `" + value + "`, the reference says " + row.defaultValue());
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyGatewayKeyIsDocumentedWithItsDefault() throws IOException {
        Map<String, Row> rows = rows();
        List<String> wrong = new ArrayList<>();
        mappingKeys().forEach((key, defaultValue) -> {
            Row row = rows.get(key);
            if (row == null) {
                wrong.add(key + ": no row");
            } else if (defaultValue != null && !row.defaultValue().contains("`" + defaultValue + "`")) {
                wrong.add(key + ": the default is `" + defaultValue + "`, the reference says " + row.defaultValue());
            } else if (defaultValue == null && !row.defaultValue().startsWith("–")) {
                wrong.add(key + ": has no default, the reference says " + row.defaultValue());
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theJwtAndOpenTelemetryKeysHaveTheExtensionsDefaults() throws IOException {
        Map<String, String> properties = applicationProperties();
        Map<String, Row> rows = rows();
        List<String> wrong = new ArrayList<>();
        Map<String, String> extensionKeys = new TreeMap<>(JwtKeys.withDefaults());
        extensionKeys.putAll(OtelKeys.withDefaults());
        extensionKeys.forEach((key, defaultValue) -> {
            Row row = rows.get(key);
            if (row == null || properties.containsKey(key)) {
                return; // not documented, or set by the gateway: the first test checks those
            }
            String expected = defaultValue == null ? "–" : "`" + defaultValue + "`";
            if (!row.defaultValue().startsWith(expected)) {
                wrong.add(key + ": the default is " + expected + ", the reference says " + row.defaultValue());
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theReferenceNamesOnlyKeysTheCodeHasWithTheirEnvironmentVariables() throws IOException {
        Map<String, String> known = new TreeMap<>(mappingKeys());
        known.putAll(JwtKeys.withDefaults());
        known.putAll(OtelKeys.withDefaults());
        applicationProperties().forEach(known::put);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows().values()) {
            if (!known.containsKey(row.key())) {
                wrong.add(row.key() + ": the code has no such key");
            }
            String env = row.key().contains("<") ? null : envForm(row.key());
            if (env != null && !row.env().equals("`" + env + "`")) {
                wrong.add(row.key() + ": its environment variable is " + env + ", the reference says " + row.env());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The rows of every table whose first cell is a key in backticks, by key. */
    private static Map<String, Row> rows() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(1).split(" \\| ");
            String key = cells[0].trim().replace("`", "");
            rows.put(key, new Row(key, cells[1].trim(), cells[2].trim()));
        }
        return rows;
    }

    /** The keys set in application.properties for every profile, with their values. */
    private static Map<String, String> applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        }
        Map<String, String> keys = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (!key.toString().startsWith("%")) {
                keys.put(key.toString(), value.toString());
            }
        });
        return keys;
    }

    /**
     * The keys of the gateway's mappings with their defaults (null when there is none), a map's keys written as the
     * reference writes them ({@code "<topic>"}, {@code <level>}).
     */
    private static Map<String, String> mappingKeys() {
        Map<String, String> keys = new TreeMap<>();
        mapping(GatewayConfig.class, "gateway", keys);
        mapping(PartitioningConfig.class, "gateway.partitioning", keys);
        return keys;
    }

    private static void mapping(Class<?> type, String prefix, Map<String, String> keys) {
        ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, prefix)).forEach((path, property) -> {
            String key = path.replace("schemas.topics.*.", "schemas.topics.\"<topic>\".")
                    .replace("topics.*.*", "topics.\"<topic>\".<level>")
                    .replace("defaults.*", "defaults.<level>").replace("quotas.*.", "quotas.\"<principal>\".")
                    .replace("[*]", "");
            keys.put(key, property.hasDefaultValue() ? property.getDefaultValue() : null);
        });
    }

    /** The environment variable of a key: upper case, everything but letters and digits as '_'. */
    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
