package io.producergateway.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the files a benchmark run left in its run directory into the results (plain JDK, no library):
 * <ul>
 * <li>{@code results --dir <run dir> --json <file>...}: the table (stdout and {@code <run dir>/table.txt}) and the JSON;</li>
 * <li>{@code explore --dir <run dir> --p99-target-ms <ms> --csv <file> --svg <file> [--json <file>]}: the batch.size /
 * linger.ms sweep as CSV, an SVG chart (throughput against p99) and the recommended setting.</li>
 * </ul>
 * Every throughput counts only records verified in Kafka (sum of the topic's end offsets after the run). A run with a
 * rate (run.properties {@code rate}, events/s; 0 for a closed loop) met it when that throughput reached
 * {@link LoadGenerator#RATE_MET} of it.
 */
public final class BenchReport {

    private static final Pattern PERF_FINAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) "
            + "MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms "
            + "99th, (\\d+) ms 99.9th");

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchReport results|explore --dir <run dir> ...");
            System.exit(2);
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.computeIfAbsent(args[i].replaceFirst("^--", ""), k -> new ArrayList<>()).add(args[i + 1]);
        }
        Path dir = Path.of(options.get("dir").get(0));
        switch (args[0]) {
            case "results" -> results(dir, options.getOrDefault("json", List.of()));
            case "explore" -> explore(dir, Double.parseDouble(first(options, "p99-target-ms", "50")),
                    Path.of(first(options, "csv", dir.resolve("explore.csv").toString())),
                    Path.of(first(options, "svg", dir.resolve("explore.svg").toString())),
                    options.getOrDefault("json", List.of()));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    /** One row of the table, computed from a load run and its verification. */
    record Row(String name, String label, double recordsPerSecond, double megabytesPerSecond, String p50, String p99,
            String p999, long errors, String errorDetail, long acknowledged, long verified, boolean lost,
            long hwmKb, long rssMaxKb, double cpuSecondsPer10k, double elapsedSeconds, Map<String, Double> cores,
            String firstError, String latencyUnit) {
    }

    private static void results(Path dir, List<String> jsonFiles) throws IOException {
        Properties run = load(dir.resolve("run.properties"));
        // The limit runs before the service and again after it: the shapes are compared with the mean of the two.
        Row limit = limitRow(dir, "limit", "limit before: ProducerPerformance");
        Row limitAfter = limitRow(dir, "limit-after", "limit after: ProducerPerformance");
        List<Row> rows = new ArrayList<>();
        for (String shape : run.getProperty("shapes", "").split(",")) {
            if (!shape.isBlank() && Files.exists(dir.resolve("shape-" + shape + ".properties"))) {
                rows.add(shapeRow(dir, shape, run));
            }
        }
        List<Row> limits = new ArrayList<>();
        if (limit != null) {
            limits.add(limit);
        }
        if (limitAfter != null) {
            limits.add(limitAfter);
        }
        double limitRate = limits.stream().mapToDouble(Row::recordsPerSecond).average().orElse(Double.NaN);
        double limitCpu = limits.stream().mapToDouble(Row::cpuSecondsPer10k).average().orElse(Double.NaN);
        double rate = rateOf(run);

        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "producer-gateway benchmark, %s%n", run.getProperty("date")));
        t.append(String.format(Locale.ROOT, "machine: %s CPUs, %s GiB RAM, %s; Kafka %s (one broker, same machine)%n",
                run.getProperty("nproc"), run.getProperty("mem_gib"), run.getProperty("java"),
                run.getProperty("kafka_version")));
        t.append(String.format(Locale.ROOT, "load: %s-byte values, %s connections, %s; the service's JVM warmed up %s s, "
                + "then per shape %s s warm-up and %s s measured; service: acks=all, idempotence, API keys, default settings%s%n",
                run.getProperty("record_size"), run.getProperty("connections"), rateText(rate),
                run.getProperty("service_warmup", "0"), run.getProperty("warmup"), run.getProperty("duration"),
                run.getProperty("service_opts", "").isBlank() ? "" : ", JVM options " + run.getProperty("service_opts")));
        t.append(String.format(Locale.ROOT, "command: %s%n%n", run.getProperty("command")));
        String header = String.format(Locale.ROOT, "%-34s %11s %8s %8s %8s %9s %7s %14s %10s %9s %8s  %s",
                "shape", "records/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "RSS MiB pk/max",
                "CPU s/10k", "CPU x lim", "vs limit", "in Kafka / acknowledged");
        t.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        List<Row> all = new ArrayList<>(limits);
        all.addAll(rows);
        for (Row r : all) {
            String rss = r.hwmKb() < 0 ? "-" : String.format(Locale.ROOT, "%d/%d", r.hwmKb() / 1024, r.rssMaxKb() / 1024);
            t.append(String.format(Locale.ROOT, "%-34s %,11.0f %8.1f %8s %8s %9s %7s %14s %10s %9s %8s  %,d / %,d%s%s%n",
                    r.label(), r.recordsPerSecond(), r.megabytesPerSecond(), r.p50(), r.p99(), r.p999(),
                    r.errors() == 0 ? "0" : Long.toString(r.errors()), rss,
                    Double.isNaN(r.cpuSecondsPer10k()) ? "-" : String.format(Locale.ROOT, "%.2f", r.cpuSecondsPer10k()),
                    cpuToLimit(r.cpuSecondsPer10k(), limitCpu),
                    Double.isNaN(limitRate) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.recordsPerSecond() / limitRate),
                    r.verified(), r.acknowledged(), r.lost() ? "  LOST " + (r.acknowledged() - r.verified()) : "",
                    Boolean.FALSE.equals(rateMet(r.recordsPerSecond(), rate)) ? "  below --rate" : ""));
        }
        if (limits.size() == 2) {
            t.append(String.format(Locale.ROOT, "limit, the mean of before and after (what CPU x lim and vs limit "
                    + "compare with): %,.0f records/s, %.2f CPU s/10k%n", limitRate, limitCpu));
        }
        t.append(readyLine(run)).append('\n');
        t.append(String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %12s%n", "CPU in the measured window (cores)",
                "service", "broker", "load gen", "other", "machine busy"));
        for (Row r : all) {
            Map<String, Double> c = r.cores();
            t.append(String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %12s%n", r.label(), cores(c.get("service")),
                    cores(c.get("broker")), cores(c.get("generator")), cores(c.get("other")),
                    c.get("busy") == null ? "-" : String.format(Locale.ROOT, "%.0f%%", c.get("busy"))));
        }
        t.append('\n');
        t.append("""
                Records/s and MB/s count only acknowledged records found in Kafka afterwards (sum of the topic's end
                offsets; warm-up went to other topics), over the measured window (async: until the last was in Kafka).
                %s
                RSS: the service JVM's peak resident memory so far (VmHWM, never reset between shapes) / the highest
                VmRSS sampled in this shape's window. CPU s/10k: the service's user+system CPU seconds per 10,000
                records (ProducerPerformance's own for the limit); CPU x lim: that per record over ProducerPerformance's
                own CPU per record in the same run (the bare Kafka client's cost; the mean of its run before the
                service and its run after it); vs limit: records/s over the limit's (the same mean). "other" is
                everything else running on the machine.
                """.formatted(latencyNote(rate, rows, dir)));
        if (rows.stream().anyMatch(r -> r.name().startsWith("v2-"))) {
            t.append(V2_NOTE.formatted(run.getProperty("record_size")));
        }
        if (rows.stream().anyMatch(r -> r.name().equals("avro-batch"))) {
            t.append(avroNote(dir));
        }
        for (Row r : all) {
            if (r.errors() > 0) {
                t.append(String.format(Locale.ROOT, "errors of %s: %s; first: %s%n", r.label(), r.errorDetail(),
                        r.firstError()));
            }
            if (r.lost()) {
                t.append(String.format(Locale.ROOT, "LOST: %s acknowledged %,d events but Kafka holds %,d%n",
                        r.label(), r.acknowledged(), r.verified()));
            } else if (r.verified() > r.acknowledged()) {
                t.append(String.format(Locale.ROOT, "note: Kafka holds %,d more records than %s acknowledged (requests "
                        + "cut off at the end of the run, or answered with an error after Kafka wrote them); not counted%n",
                        r.verified() - r.acknowledged(), r.label()));
            }
        }
        System.out.print(t);
        Files.writeString(dir.resolve("table.txt"), t.toString());

        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"date\": ").append(q(run.getProperty("date"))).append(",\n");
        j.append("  \"command\": ").append(q(run.getProperty("command"))).append(",\n");
        j.append("  \"machine\": {\"cpus\": ").append(run.getProperty("nproc")).append(", \"memory_gib\": ")
                .append(run.getProperty("mem_gib")).append(", \"java\": ").append(q(run.getProperty("java")))
                .append(", \"kernel\": ").append(q(run.getProperty("kernel"))).append("},\n");
        j.append("  \"kafka_version\": ").append(q(run.getProperty("kafka_version"))).append(",\n");
        j.append("  \"settings\": {\"record_size\": ").append(run.getProperty("record_size"))
                .append(", \"connections\": ").append(run.getProperty("connections"))
                .append(", \"events_per_batch\": ").append(run.getProperty("batch"))
                .append(", \"service_warmup_s\": ").append(run.getProperty("service_warmup", "0"))
                .append(", \"warmup_s\": ").append(run.getProperty("warmup"))
                .append(", \"duration_s\": ").append(run.getProperty("duration"))
                .append(", \"rate_events_per_s\": ").append(rate > 0 ? num(rate, 1) : "null")
                .append(", \"service_java_options\": ").append(q(run.getProperty("service_opts", "")))
                .append("},\n");
        j.append("  \"service_ready_ms\": ").append(numOrNull(run.getProperty("service_ready_ms"))).append(",\n");
        j.append("  \"service_ready_poll_ms\": ").append(numOrNull(run.getProperty("service_ready_poll_ms")))
                .append(",\n");
        j.append("  \"limit\": ").append(limit == null ? "null" : json(limit, limitRate, limitCpu, rate)).append(",\n");
        j.append("  \"limit_after\": ").append(limitAfter == null ? "null" : json(limitAfter, limitRate, limitCpu, rate))
                .append(",\n");
        j.append("  \"limit_mean\": ").append(limits.isEmpty() ? "null" : "{\"records_per_s\": " + num(limitRate, 1)
                + ", \"cpu_seconds_per_10k_events\": " + num(limitCpu, 3) + "}").append(",\n");
        j.append("  \"shapes\": [");
        for (int i = 0; i < rows.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(json(rows.get(i), limitRate, limitCpu, rate));
        }
        j.append("\n  ],\n");
        j.append("  \"table\": ").append(q(t.toString())).append("\n}\n");
        for (String file : jsonFiles) {
            Files.writeString(Path.of(file), j.toString());
        }
    }

    /** Under the table: how long the service took from its launch until it was ready (run.properties). */
    private static String readyLine(Properties run) {
        String ready = run.getProperty("service_ready_ms");
        if (ready == null) {
            return "";
        }
        return String.format(Locale.ROOT, "service ready after start: %,d ms (process start to /q/health/ready 200, "
                + "polled every %s ms)%n", Long.parseLong(ready), run.getProperty("service_ready_poll_ms", "?"));
    }

    /** Under the table when a REST Proxy v2 JSON shape ran: what its requests were. */
    private static final String V2_NOTE = """
            v2: REST Proxy v2 (POST /topics/<topic>, application/vnd.kafka.json.v2+json), records {"value":"<letters>"},
            each value stored as its JSON text (%s bytes, quotes included, as v1's: the verification read each topic's
            first record back to check); a 200 counts only when it has one offsets entry per record and no error_code.
            """;

    /** Under the table when avro-batch ran: what its requests were, and what one record in Kafka looked like. */
    private static String avroNote(Path dir) throws IOException {
        Properties load = load(dir.resolve("shape-avro-batch.properties"));
        Properties verify = load(dir.resolve("shape-avro-batch-verify.properties"));
        String wire = verify.getProperty("wire_schema_id") == null ? "none read back (no record in Kafka)"
                : String.format(Locale.ROOT, "%s-%s offset %s: magic byte 0, schema id %s, %s bytes;%nan Avro %s",
                        load.getProperty("topic"), verify.getProperty("wire_partition"),
                        verify.getProperty("wire_offset"), verify.getProperty("wire_schema_id"),
                        verify.getProperty("wire_value_bytes"), verify.getProperty("wire_avro_record"));
        return String.format(Locale.ROOT, """
                avro: REST Proxy v2 (POST /topics/<topic>, application/vnd.kafka.avro.v2+json), value_schema_id %s
                (registered once before the warm-up), %s Avro JSON records in each %s-byte request; the service
                serializes them into Confluent's wire format (%s bytes each: magic byte, schema id, Avro binary).
                Read back: %s.
                """, load.getProperty("value_schema_id"), load.getProperty("events_per_request"),
                load.getProperty("request_bytes"), load.getProperty("record_size"), wire);
    }

    /** Under the table when a stream ran: what its row measures. */
    private static final String STREAM_NOTE = """
            stream's is per event (its line written until its answer line was read), with each connection writing one
            NDJSON stream as fast as the service's window takes the lines, at most %s of them unanswered.""";

    /** The same with --rate. */
    private static final String STREAM_PACED_NOTE = """
            stream's is per event (from when its line was due until its answer line was read), with each connection
            writing one NDJSON stream at its share of the rate, at most %s lines unanswered.""";

    /** Under the table with --rate: how the requests' latency counts, and what "below --rate" means. */
    private static final String PACED_NOTE = """
            open loop at %s events/s per shape (from when the request was due until the whole
            answer was read: a request held back by a busy connection counts its wait); "below --rate": under %d%% of it""";

    /** Under the table: what the latencies measure, in a closed loop or at --rate. */
    private static String latencyNote(double rate, List<Row> rows, Path dir) throws IOException {
        boolean paced = rate > 0;
        String stream = ".";
        if (rows.stream().anyMatch(r -> r.name().equals("stream"))) {
            String ahead = load(dir.resolve("shape-stream.properties")).getProperty("stream_ahead", "?");
            stream = ";\n" + (paced ? STREAM_PACED_NOTE : STREAM_NOTE).formatted(ahead);
        }
        return String.format(Locale.ROOT, "Latency: the limit's is per record (ProducerPerformance: send() until "
                + "acknowledged, whole milliseconds%s);%nthe service's is per HTTP request, %s%s",
                paced ? "; throttled to the rate" : "",
                paced ? PACED_NOTE.formatted(String.format(Locale.ROOT, "%,.0f", rate), Math.round(LoadGenerator.RATE_MET * 100))
                        : "closed loop (written until the whole answer was read)", stream);
    }

    /** The rate of a run's load, events/s (run.properties); 0 for a closed loop. */
    private static double rateOf(Properties run) {
        return Double.parseDouble(run.getProperty("rate", "0"));
    }

    /** Whether a throughput met the rate asked; null without one (closed loop). */
    static Boolean rateMet(double recordsPerSecond, double rate) {
        return rate > 0 ? recordsPerSecond >= LoadGenerator.RATE_MET * rate : null;
    }

    private static String rateText(double rate) {
        return rate > 0 ? String.format(Locale.ROOT, "open loop at %,.0f events/s per shape", rate) : "closed loop";
    }

    private static String labelOf(String shape, Properties run, Properties load) {
        String batch = run.getProperty("batch", "100");
        return switch (shape) {
            case "sync-single" -> "sync, 1 event/request";
            case "sync-batch" -> "sync, " + batch + " events/request";
            case "async-single" -> "async (202), 1 event/request";
            case "async-batch" -> "async (202), " + batch + " events/request";
            case "v2-single" -> "sync v2, 1 record/request";
            case "v2-batch" -> "sync v2, " + batch + " records/request";
            case "avro-batch" -> "sync, " + batch + " avro records/request";
            case "wrk" -> "sync, 1 event/request (wrk)";
            // Its own connections: bench.sh opens at most as many streams as the service allows one principal.
            case "stream" -> "stream (NDJSON), " + load.getProperty("connections", run.getProperty("connections"))
                    + " connections";
            default -> shape;
        };
    }

    /** A row's CPU per record as a multiple of the limit's (ProducerPerformance's) in the same run. */
    private static String cpuToLimit(double cpu, double limitCpu) {
        return Double.isNaN(cpu) || Double.isNaN(limitCpu) || limitCpu <= 0 ? "-"
                : String.format(Locale.ROOT, "%.1fx", cpu / limitCpu);
    }

    private static String json(Row r, double limitRate, double limitCpu, double rate) {
        StringBuilder j = new StringBuilder("{");
        j.append("\"shape\": ").append(q(r.name())).append(", \"label\": ").append(q(r.label()));
        j.append(", \"records_per_s\": ").append(num(r.recordsPerSecond(), 1));
        j.append(", \"rate_met\": ").append(rateMet(r.recordsPerSecond(), rate));
        j.append(", \"mb_per_s\": ").append(num(r.megabytesPerSecond(), 2));
        j.append(", \"latency_unit\": ").append(q(r.latencyUnit()));
        j.append(", \"p50_ms\": ").append(numOrNull(r.p50())).append(", \"p99_ms\": ").append(numOrNull(r.p99()))
                .append(", \"p999_ms\": ").append(numOrNull(r.p999()));
        j.append(", \"errors\": ").append(r.errors()).append(", \"error_statuses\": ").append(q(r.errorDetail()));
        j.append(", \"acknowledged\": ").append(r.acknowledged()).append(", \"verified_in_kafka\": ").append(r.verified());
        j.append(", \"lost\": ").append(r.lost());
        j.append(", \"service_peak_rss_mib\": ").append(r.hwmKb() < 0 ? "null" : num(r.hwmKb() / 1024.0, 1));
        j.append(", \"service_max_sampled_rss_mib\": ").append(r.rssMaxKb() < 0 ? "null" : num(r.rssMaxKb() / 1024.0, 1));
        j.append(", \"cpu_seconds_per_10k_events\": ").append(num(r.cpuSecondsPer10k(), 3));
        j.append(", \"cpu_seconds_per_10k_events_of\": ").append(q(r.name().startsWith("limit") ? "ProducerPerformance" : "service"));
        j.append(", \"cpu_per_event_to_limit\": ").append(num(r.cpuSecondsPer10k() / limitCpu, 3));
        j.append(", \"ratio_to_limit\": ").append(num(r.recordsPerSecond() / limitRate, 4));
        j.append(", \"measured_seconds\": ").append(num(r.elapsedSeconds(), 3));
        j.append(", \"cores\": {");
        int i = 0;
        for (Map.Entry<String, Double> e : r.cores().entrySet()) {
            j.append(i++ == 0 ? "" : ", ").append(q(e.getKey())).append(": ").append(num(e.getValue(), 3));
        }
        j.append("}}");
        return j.toString();
    }

    /** One run of the limit: ProducerPerformance's last line, checked against the topic's end offsets. */
    private static Row limitRow(Path dir, String name, String label) throws IOException {
        Path perf = dir.resolve(name + "-perf.txt");
        if (!Files.exists(perf)) {
            return null;
        }
        Matcher m = null;
        for (String line : Files.readAllLines(perf)) {
            Matcher candidate = PERF_FINAL.matcher(line);
            if (candidate.find()) {
                m = candidate;
            }
        }
        if (m == null) {
            throw new IllegalStateException("no final line of ProducerPerformance in " + perf);
        }
        Properties verify = load(dir.resolve(name + "-verify.properties"));
        Properties cpu = load(dir.resolve(name + "-cpu.properties"));
        long sent = Long.parseLong(m.group(1));
        double ppRate = Double.parseDouble(m.group(2));
        double elapsed = sent / ppRate;
        long verified = Long.parseLong(verify.getProperty("verified", "0"));
        int recordSize = Integer.parseInt(cpu.getProperty("record_size"));
        double rate = Math.min(verified, sent) / elapsed;
        long clk = Long.parseLong(cpu.getProperty("clk_tck", "100"));
        double wall = Double.parseDouble(cpu.getProperty("wall_s"));
        double perfCpu = Double.parseDouble(cpu.getProperty("perf_cpu_s", "NaN"));
        Map<String, Double> cores = new LinkedHashMap<>();
        double brokerCores = ticks(cpu, "broker") / (double) clk / wall;
        double busyCores = busyCores(cpu, clk, wall);
        cores.put("service", 0.0);
        cores.put("broker", brokerCores);
        cores.put("generator", perfCpu / wall);
        cores.put("other", Math.max(0, busyCores - brokerCores - perfCpu / wall));
        cores.put("busy", busyPercent(cpu));
        return new Row(name, label, rate, rate * recordSize / 1048576.0, m.group(6),
                m.group(8), m.group(9), 0, "", sent, verified, verified < sent, -1, -1,
                perfCpu / verified * 10000, elapsed, cores, "", "per record, whole ms (ProducerPerformance)");
    }

    private static Row shapeRow(Path dir, String shape, Properties run) throws IOException {
        Properties load = load(dir.resolve("shape-" + shape + ".properties"));
        Properties verify = load(dir.resolve("shape-" + shape + "-verify.properties"));
        return row(shape, labelOf(shape, run, load), load, verify);
    }

    static Row row(String shape, String label, Properties load, Properties verify) {
        long verified = Long.parseLong(verify.getProperty("verified", "0"));
        long acknowledged = Long.parseLong(load.getProperty("events_acked"));
        int recordSize = Integer.parseInt(load.getProperty("record_size"));
        long clk = Long.parseLong(load.getProperty("clk_tck", "100"));
        double elapsed = Long.parseLong(load.getProperty("elapsed_ns")) / 1e9;
        long serviceEnd = Long.parseLong(load.getProperty("service_ticks_end"));
        boolean drained = !Boolean.parseBoolean(verify.getProperty("reached_on_first_poll", "true"));
        long reached = Long.parseLong(verify.getProperty("reached_epoch_ms", "-1"));
        long start = Long.parseLong(load.getProperty("start_epoch_ms"));
        if (drained && reached > 0 && (reached - start) / 1000.0 > elapsed) {
            // Kafka got the last records after the last answer (async): the window lasts until then.
            elapsed = (reached - start) / 1000.0;
            long at = Long.parseLong(verify.getProperty("service_ticks_verified", "-1"));
            serviceEnd = at > 0 ? at : serviceEnd;
        }
        // Only events that were both acknowledged and found in Kafka count (a request cut off at the end of the window,
        // or answered with an error after Kafka wrote its events, leaves records no client was told about).
        long counted = Math.min(verified, acknowledged);
        double rate = counted / elapsed;
        long serviceTicks = serviceEnd - Long.parseLong(load.getProperty("service_ticks_start"));
        double cpuPer10k = serviceTicks < 0 || counted == 0 ? Double.NaN : serviceTicks / (double) clk / counted * 10000;
        double window = (Long.parseLong(load.getProperty("end_epoch_ms")) - start) / 1000.0;
        Map<String, Double> cores = new LinkedHashMap<>();
        double s = ticks(load, "service") / (double) clk / window;
        double b = ticks(load, "broker") / (double) clk / window;
        double g = ticks(load, "self") / (double) clk / window;
        cores.put("service", s);
        cores.put("broker", b);
        cores.put("generator", g);
        cores.put("other", Math.max(0, busyCores(load, clk, window) - s - b - g));
        cores.put("busy", busyPercent(load));
        return new Row(shape, label, rate, rate * recordSize / 1048576.0, load.getProperty("p50_ms"),
                load.getProperty("p99_ms"), load.getProperty("p999_ms"), Long.parseLong(load.getProperty("errors")),
                load.getProperty("error_statuses", "") + (Long.parseLong(load.getProperty("io_errors", "0")) > 0
                        ? " io:" + load.getProperty("io_errors") : ""),
                acknowledged, verified, acknowledged > verified, Long.parseLong(load.getProperty("service_hwm_kb", "-1")),
                Long.parseLong(load.getProperty("service_rss_max_kb", "-1")), cpuPer10k, elapsed, cores,
                load.getProperty("first_error", ""),
                "stream".equals(load.getProperty("shape")) ? "per event (line written until its answer line was read)"
                        : "per HTTP request");
    }

    private static long ticks(Properties p, String who) {
        return Long.parseLong(p.getProperty(who + "_ticks_end", "0")) - Long.parseLong(p.getProperty(who + "_ticks_start", "0"));
    }

    private static double busyCores(Properties p, long clk, double seconds) {
        return ticks(p, "machine_busy") / (double) clk / seconds;
    }

    private static double busyPercent(Properties p) {
        long total = ticks(p, "machine_total");
        return total <= 0 ? Double.NaN : 100.0 * ticks(p, "machine_busy") / total;
    }

    private static String cores(Double c) {
        return c == null || c.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", c);
    }

    // ------------------------------------------------------------------------------------------------ explore

    record Point(long batchSize, long lingerMs, double recordsPerSecond, double p99Ms, long errors, boolean lost,
            long verified, long acknowledged, double p50Ms, double serviceCores, double otherCores, Boolean rateMet,
            long readyMs) {
        String label() {
            return size(batchSize) + " / " + lingerMs + " ms";
        }

        /** No errors, and every acknowledged record in Kafka. */
        boolean clean() {
            return errors == 0 && !lost;
        }

        /** Whether it met the target rate; true without one (closed loop). */
        boolean metRate() {
            return rateMet == null || rateMet;
        }
    }

    private static void explore(Path dir, double target, Path csv, Path svg, List<String> jsonFiles) throws IOException {
        Properties run = load(dir.resolve("run.properties"));
        double rate = rateOf(run);
        List<Point> points = points(dir, rate);
        Point best = recommend(points, rate, target);
        Point fastest = fastest(points);
        StringBuilder c = new StringBuilder("batch_size,linger_ms,records_per_s,p99_ms,errors,rate_met\n");
        for (Point p : points) {
            c.append(String.format(Locale.ROOT, "%d,%d,%.1f,%.3f,%d,%s%n", p.batchSize(), p.lingerMs(),
                    p.recordsPerSecond(), p.p99Ms(), p.errors(), p.rateMet() == null ? "" : p.rateMet()));
        }
        Files.writeString(csv, c.toString());
        String load = rate > 0 ? String.format(Locale.ROOT, "at %,.0f events/s", rate) : "closed loop";
        String title = String.format(Locale.ROOT, "batch.size and linger.ms: %s-byte records, %s, %s, %s connections, %s s "
                + "per point", run.getProperty("record_size"), shapeText(run), load, run.getProperty("connections"),
                run.getProperty("duration"));
        // The chart's title is shorter (its width is the chart's): connections and time go to its subtitle.
        String chartTitle = String.format(Locale.ROOT, "batch.size and linger.ms %s: %s-byte records, %s",
                rate > 0 ? load : "in a closed loop", run.getProperty("record_size"), shapeText(run));
        Files.writeString(svg, svg(points, best, fastest, target, rate, chartTitle, run), StandardCharsets.UTF_8);

        StringBuilder t = new StringBuilder();
        t.append(title).append(" (").append(run.getProperty("date")).append(")\n");
        t.append(String.format(Locale.ROOT, "%-12s %-10s %12s %9s %9s %9s %8s %13s %11s  %s%n", "batch.size", "linger.ms",
                "records/s", "rate met", "p50 ms", "p99 ms", "errors", "service cores", "other cores",
                "in Kafka / acknowledged"));
        for (Point p : points) {
            t.append(String.format(Locale.ROOT, "%-12d %-10d %,12.0f %9s %9.2f %9.2f %8d %13.2f %11.2f  %,d / %,d%s%s%n",
                    p.batchSize(), p.lingerMs(), p.recordsPerSecond(), p.rateMet() == null ? "-" : p.rateMet() ? "yes" : "NO",
                    p.p50Ms(), p.p99Ms(), p.errors(), p.serviceCores(), p.otherCores(), p.verified(), p.acknowledged(),
                    p.lost() ? "  LOST" : "", p == best ? "  <- recommended" : ""));
        }
        t.append(exploreReadyLine(points));
        t.append("\"other cores\": CPU used by everything but the service, the broker and the load generator during the "
                + "point (another program running spoils the comparison).\n");
        if (rate > 0) {
            t.append(String.format(Locale.ROOT, "\"rate met\": at least %.0f%% of %,.0f events/s verified in Kafka; p99 "
                    + "counts from when each request was due (open loop), so a point that fell behind shows it.%n",
                    LoadGenerator.RATE_MET * 100, rate));
        }
        t.append(rate > 0 ? pacedVerdict(points, best, fastest, target, rate, run) : closedVerdict(points, best, target, run));
        System.out.print(t);
        Files.writeString(dir.resolve("explore-table.txt"), t.toString());
        String json = exploreJson(points, best, fastest, target, rate, run);
        for (String file : jsonFiles) {
            Files.writeString(Path.of(file), json);
        }
    }

    /** The points measured, sorted by batch.size, then linger.ms (a point with no answer at all is left out). */
    private static List<Point> points(Path dir, double rate) throws IOException {
        List<Point> points = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path setting : files.filter(f -> f.getFileName().toString().matches("point-\\d+-setting\\.properties"))
                    .sorted().toList()) {
                String prefix = setting.getFileName().toString().replace("-setting.properties", "");
                Path loadFile = dir.resolve(prefix + ".properties");
                Path verifyFile = dir.resolve(prefix + "-verify.properties");
                if (!Files.exists(loadFile) || !Files.exists(verifyFile)) {
                    continue;
                }
                Properties s = load(setting);
                Row r = row(prefix, prefix, load(loadFile), load(verifyFile));
                points.add(new Point(Long.parseLong(s.getProperty("batch_size")), Long.parseLong(s.getProperty("linger_ms")),
                        r.recordsPerSecond(), r.p99() == null || r.p99().isBlank() ? Double.NaN : Double.parseDouble(r.p99()),
                        r.errors(), r.lost(), r.verified(), r.acknowledged(),
                        r.p50() == null || r.p50().isBlank() ? Double.NaN : Double.parseDouble(r.p50()),
                        r.cores().get("service"), r.cores().get("other"), rateMet(r.recordsPerSecond(), rate),
                        Long.parseLong(s.getProperty("service_ready_ms", "-1"))));
            }
        }
        points.removeIf(p -> Double.isNaN(p.p99Ms())); // no request was answered at all
        points.sort(Comparator.comparingLong(Point::batchSize).thenComparingLong(Point::lingerMs));
        return points;
    }

    /**
     * The recommended point, or null. At a target rate every point that met it carries the same load, so what tells them
     * apart is latency: the lowest p99 among those that met it without errors. The points come sorted by batch.size, then
     * linger.ms, and only a strictly lower p99 replaces the pick, so a tie goes to the smaller batch.size, then linger.ms.
     * In a closed loop: the highest throughput whose p99 is within the target, without errors.
     */
    static Point recommend(List<Point> points, double rate, double target) {
        Point best = null;
        for (Point p : points) {
            if (!p.clean()) {
                continue;
            }
            boolean better = rate > 0
                    ? p.metRate() && (best == null || p.p99Ms() < best.p99Ms())
                    : p.p99Ms() <= target && (best == null || p.recordsPerSecond() > best.recordsPerSecond());
            if (better) {
                best = p;
            }
        }
        return best;
    }

    /** The highest throughput without errors (of all points when every one had errors); null without points. */
    static Point fastest(List<Point> points) {
        Comparator<Point> byRate = Comparator.comparingDouble(Point::recordsPerSecond);
        return points.stream().filter(Point::clean).max(byRate).orElse(points.stream().max(byRate).orElse(null));
    }

    /** How the recommendation is chosen, in words. */
    static String rule(double rate, double target) {
        return rate > 0
                ? String.format(Locale.ROOT, "the lowest p99 among the settings that met %,.0f events/s (%.0f%% of it in "
                        + "Kafka) without errors; ties: the smaller batch.size, then linger.ms", rate,
                        LoadGenerator.RATE_MET * 100)
                : String.format(Locale.ROOT, "the highest throughput with p99 <= %s ms, without errors", compact(target));
    }

    private static String setting(Point p) {
        return String.format(Locale.ROOT, "mp.messaging.outgoing.events-out.batch.size=%d, "
                + "mp.messaging.outgoing.events-out.linger.ms=%d", p.batchSize(), p.lingerMs());
    }

    /** The conclusion under the table of an explorer at a target rate. */
    private static String pacedVerdict(List<Point> points, Point best, Point fastest, double target, double rate,
            Properties run) {
        if (best != null) {
            long met = points.stream().filter(p -> p.clean() && p.metRate()).count();
            return String.format(Locale.ROOT, "Recommended: %s (%,.0f records/s, p99 %.1f ms, %s the p99 target of %s ms)%n"
                    + "Rule: %s; %d of %d settings met it.%n", setting(best), best.recordsPerSecond(), best.p99Ms(),
                    best.p99Ms() <= target ? "within" : "ABOVE", compact(target), rule(rate, target), met, points.size());
        }
        int inFlight = inFlight(run);
        String text = String.format(Locale.ROOT, "No setting met the target rate of %,.0f events/s (%.0f%% of it in Kafka) "
                + "without errors: no recommendation.", rate, LoadGenerator.RATE_MET * 100);
        if (fastest != null) {
            text += String.format(Locale.ROOT, " The fastest: %s (%,.0f records/s, p99 %.1f ms%s).", setting(fastest),
                    fastest.recordsPerSecond(), fastest.p99Ms(), fastest.clean() ? "" : ", with errors");
        }
        return text + String.format(Locale.ROOT, " Lower --target-rate; or, if the service had cores to spare, raise "
                + "--connections or --batch: at most %d events are in flight (connections x events per request), which "
                + "carry %,.0f events/s only while a request takes under %.0f ms (Little's law).%n", inFlight, rate,
                1000.0 * inFlight / rate);
    }

    /** The conclusion under the table of a closed-loop explorer. */
    private static String closedVerdict(List<Point> points, Point best, double target, Properties run) {
        if (best != null) {
            return String.format(Locale.ROOT, "Recommended (%s): %s (%,.0f records/s, p99 %.1f ms)%n", rule(0, target),
                    setting(best), best.recordsPerSecond(), best.p99Ms());
        }
        double fastest = points.stream().mapToDouble(Point::recordsPerSecond).max().orElse(Double.NaN);
        int inFlight = inFlight(run);
        return String.format(Locale.ROOT, "No setting kept p99 within %.0f ms without errors. In this closed loop %d "
                + "events are always in flight (connections x events per request), so even the fastest point "
                + "(%,.0f records/s) has a mean latency of at least %.0f ms (Little's law): use fewer --connections, "
                + "a --target-rate, or raise --p99-target-ms.%n", target, inFlight, fastest, 1000.0 * inFlight / fastest);
    }

    /** The median of the points' times from the service's launch to ready, or -1 when none is known. */
    static long medianReadyMs(List<Point> points) {
        long[] ready = points.stream().mapToLong(Point::readyMs).filter(ms -> ms >= 0).sorted().toArray();
        if (ready.length == 0) {
            return -1;
        }
        int middle = ready.length / 2;
        return ready.length % 2 == 1 ? ready[middle] : (ready[middle - 1] + ready[middle]) / 2;
    }

    /** Under the explorer's table: the median of the service's starts, one per point. */
    private static String exploreReadyLine(List<Point> points) {
        long median = medianReadyMs(points);
        if (median < 0) {
            return "";
        }
        LongSummaryStatistics all = points.stream().mapToLong(Point::readyMs).filter(ms -> ms >= 0).summaryStatistics();
        return String.format(Locale.ROOT, "service ready after start: median %,d ms of %d starts (%,d to %,d; process "
                + "start to /q/health/ready 200)%n", median, all.getCount(), all.getMin(), all.getMax());
    }

    /** Events in flight when every connection has a request out. */
    private static int inFlight(Properties run) {
        return Integer.parseInt(run.getProperty("connections", "64"))
                * (run.getProperty("explore_shape", "sync-batch").endsWith("batch") ? Integer.parseInt(run.getProperty("batch", "100")) : 1);
    }

    private static String exploreJson(List<Point> points, Point best, Point fastest, double target, double rate,
            Properties run) {
        long ready = medianReadyMs(points);
        StringBuilder j = new StringBuilder("{\n  \"date\": ").append(q(run.getProperty("date")))
                .append(",\n  \"command\": ").append(q(run.getProperty("command")))
                .append(",\n  \"record_size\": ").append(run.getProperty("record_size"))
                .append(",\n  \"shape\": ").append(q(run.getProperty("explore_shape")))
                .append(",\n  \"events_per_request\": ").append(run.getProperty("explore_shape", "").endsWith("batch")
                        ? run.getProperty("batch") : "1")
                .append(",\n  \"connections\": ").append(run.getProperty("connections"))
                .append(",\n  \"target_rate_events_per_s\": ").append(rate > 0 ? num(rate, 1) : "null")
                .append(",\n  \"rate_met_share\": ").append(rate > 0 ? num(LoadGenerator.RATE_MET, 2) : "null")
                .append(",\n  \"p99_target_ms\": ").append(num(target, 1))
                .append(",\n  \"service_ready_ms\": ").append(ready < 0 ? "null" : Long.toString(ready))
                .append(",\n  \"service_ready_ms_is\": \"the median of the points' starts\"")
                .append(",\n  \"rule\": ").append(q(rule(rate, target)))
                .append(",\n  \"recommended\": ").append(best == null ? "null" : pointJson(best, target))
                .append(",\n  \"fastest\": ").append(fastest == null ? "null" : pointJson(fastest, target))
                .append(",\n  \"points\": [");
        for (int i = 0; i < points.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(pointJson(points.get(i), target));
        }
        return j.append("\n  ]\n}\n").toString();
    }

    private static String pointJson(Point p, double target) {
        return String.format(Locale.ROOT, "{\"batch_size\": %d, \"linger_ms\": %d, \"records_per_s\": %.1f, "
                + "\"rate_met\": %s, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"p99_within_target\": %s, \"errors\": %d, "
                + "\"lost\": %s, \"verified_in_kafka\": %d, \"acknowledged\": %d, \"service_cores\": %.3f, "
                + "\"other_cores\": %.3f, \"service_ready_ms\": %s}", p.batchSize(), p.lingerMs(), p.recordsPerSecond(),
                p.rateMet(), p.p50Ms(), p.p99Ms(), p.p99Ms() <= target, p.errors(), p.lost(), p.verified(),
                p.acknowledged(), p.serviceCores(), p.otherCores(), p.readyMs() < 0 ? "null" : p.readyMs());
    }

    private static String shapeText(Properties run) {
        String shape = run.getProperty("explore_shape", "sync-batch");
        return switch (shape) {
            case "sync-batch" -> "sync batches of " + run.getProperty("batch");
            case "sync-single" -> "sync single events";
            case "async-single" -> "async single events";
            case "async-batch" -> "async batches of " + run.getProperty("batch");
            case "v2-single" -> "sync REST Proxy v2 single records";
            case "v2-batch" -> "sync REST Proxy v2 batches of " + run.getProperty("batch");
            case "avro-batch" -> "sync avro batches of " + run.getProperty("batch");
            default -> shape;
        };
    }

    /** The service's defaults (application.properties, the events-out channel), marked on the chart. */
    private static final long DEFAULT_BATCH_SIZE = 16384;
    private static final long DEFAULT_LINGER_MS = 0;

    private static final String[] COLORS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2" };

    /** A linear axis from min to max with ticks every step, mapped onto length pixels. */
    record Axis(double min, double max, double step) {
        double at(double value, double length) {
            return (value - min) / (max - min) * length;
        }
    }

    /**
     * The throughput axis: from 0 in a closed loop. At a target rate the points that met it crowd around it, so the axis
     * spans only the points and what counts as meeting it, else their differences in p99 would sit on one vertical line.
     */
    static Axis throughputAxis(List<Point> points, double rate) {
        double hi = rate;
        double lo = rate > 0 ? LoadGenerator.RATE_MET * rate : 0;
        for (Point p : points) {
            hi = Math.max(hi, p.recordsPerSecond());
            lo = Math.min(lo, p.recordsPerSecond());
        }
        if (rate <= 0) {
            double step = niceStep(hi * 1.08, 6);
            return new Axis(0, Math.max(step, Math.ceil(hi * 1.08 / step) * step), step);
        }
        double margin = Math.max((hi - lo) * 0.08, rate * 0.01);
        double step = niceStep((hi - lo) * 1.08, 6);
        double min = Math.max(0, Math.floor((lo - margin) / step) * step);
        return new Axis(min, Math.max(min + step, Math.ceil((hi + margin) / step) * step), step);
    }

    /**
     * The p99 axis, from 0 up to the target and the points' p99s; at a target rate, points that missed it do not stretch
     * it (their latency grows with the backlog, to seconds): they sit on the top edge, their p99 in their label.
     */
    static Axis latencyAxis(List<Point> points, double rate, double target) {
        boolean anyMet = points.stream().anyMatch(Point::metRate);
        double maxY = target;
        for (Point p : points) {
            if (rate <= 0 || p.metRate() || !anyMet) {
                maxY = Math.max(maxY, p.p99Ms());
            }
        }
        double step = niceStep(maxY * 1.08, 6);
        return new Axis(0, Math.max(step, Math.ceil(maxY * 1.08 / step) * step), step);
    }

    /**
     * Throughput (x) against p99 (y): one point per setting, joined per batch.size, the p99 target and the pick marked;
     * at a target rate also the rate, the band below what counts as meeting it, and the points that did not.
     */
    static String svg(List<Point> points, Point best, Point fastest, double target, double rate, String title,
            Properties run) {
        int width = 900;
        int height = 614;
        int left = 80;
        boolean paced = rate > 0;
        // At a target rate the legend goes right of the plot: the points gather at the rate, low or (when they fell
        // behind) high, and the band of those that missed it is its only empty corner.
        int right = paced ? 150 : 30;
        int top = 96; // title, subtitle and two lines of notes above the plot
        int bottom = 84; // tick labels, the axis title and two lines of notes below
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        Axis xAxis = throughputAxis(points, rate);
        Axis yAxis = latencyAxis(points, rate, target);
        DoubleUnaryOperator xOf = v -> left + xAxis.at(v, plotW);
        DoubleUnaryOperator yOf = v -> top + plotH - yAxis.at(Math.min(v, yAxis.max()), plotH);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                left, esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"42\" fill=\"#555\" font-size=\"11\">%s</text>%n", left,
                esc("producer-gateway, " + run.getProperty("connections") + " connections, " + run.getProperty("duration")
                        + " s per point; " + run.getProperty("date") + ", " + run.getProperty("nproc") + " CPUs, "
                        + run.getProperty("java") + ", Kafka " + run.getProperty("kafka_version"))));
        List<double[]> boxes = new ArrayList<>();
        double missedX = paced ? xOf.applyAsDouble(LoadGenerator.RATE_MET * rate) : left;
        if (missedX > left) {
            // the band of throughputs that did not meet the target rate
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.0f\" fill=\"#f3f3f3\"/>%n",
                    left, top, missedX - left, plotH));
        }
        // grid and axes
        for (double x = xAxis.min(); x <= xAxis.max() + xAxis.step() / 2; x += xAxis.step()) {
            double px = xOf.applyAsDouble(x);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#e5e5e5\"/>%n",
                    px, top, px, top + plotH));
            // "1.8k" twice for ticks 50 apart: then whole numbers
            String tick = xAxis.step() % 100 == 0 ? compact(x) : String.format(Locale.ROOT, "%,.0f", x);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s</text>%n", px,
                    top + plotH + 18, esc(tick)));
        }
        for (double y = 0; y <= yAxis.max() + yAxis.step() / 2; y += yAxis.step()) {
            double py = yOf.applyAsDouble(y);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    left, py, width - right, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6,
                    py + 4, esc(y == Math.rint(y) ? String.format(Locale.ROOT, "%.0f", y) : String.format(Locale.ROOT, "%.1f", y))));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", left, top, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">throughput, records/s "
                + "(verified in Kafka)</text>%n", left + plotW / 2, top + plotH + 40));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "p99 latency per request%s, ms</text>%n", 22, top + plotH / 2, paced ? " (from when it was due)" : ""));
        // targets
        double ty = yOf.applyAsDouble(target);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" "
                + "stroke-dasharray=\"6 4\"/>%n", left, ty, width - right, ty));
        // its label at the right end; at a target rate at the left, where only points that missed the rate could be
        double labelX = paced ? left + 4 : width - right - 4;
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#d62728\">p99 target "
                + "%s ms</text>%n", labelX, ty - 5, paced ? "start" : "end", esc(compact(target))));
        boxes.add(paced ? new double[] { left, ty - 17, left + 110, ty - 3 }
                : new double[] { width - right - 110, ty - 17, width - right, ty - 3 });
        if (paced) {
            s.append(targetRate(xOf.applyAsDouble(rate), rate, top, plotH, boxes));
        }
        // series per batch.size, and their legend: top left in the plot, or right of it at a target rate
        List<Long> sizes = points.stream().map(Point::batchSize).distinct().sorted().toList();
        int legendX = paced ? width - right + 14 : left + 14;
        int legendTop = top + 14;
        for (int si = 0; si < sizes.size(); si++) {
            String color = COLORS[si % COLORS.length];
            long batchSize = sizes.get(si);
            List<Point> series = points.stream().filter(p -> p.batchSize() == batchSize)
                    .sorted(Comparator.comparingLong(Point::lingerMs)).toList();
            StringBuilder path = new StringBuilder();
            for (Point p : series) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        xOf.applyAsDouble(p.recordsPerSecond()), yOf.applyAsDouble(p.p99Ms())));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.5\"/>%n",
                    path, color));
            int ly = legendTop + si * 18;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">"
                    + "batch.size %s</text>%n", legendX, ly, color, legendX + 10, ly + 4, esc(size(sizes.get(si)))));
            boxes.add(new double[] { legendX - 10, ly - 9, legendX + 106, ly + 9 });
        }
        if (paced) {
            int ly = legendTop + sizes.size() * 18 + 6;
            s.append(cross(legendX, ly, "#555"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">rate not met</text>%n", legendX + 10, ly + 4));
        }
        Point ringed = best != null ? best : fastest;
        for (Point p : points) {
            double px = xOf.applyAsDouble(p.recordsPerSecond());
            double py = yOf.applyAsDouble(p.p99Ms());
            double r = p == ringed ? 13 : 6;
            boxes.add(new double[] { px - r, py - r, px + r, py + r });
        }
        for (Point p : points) {
            String color = COLORS[sizes.indexOf(p.batchSize()) % COLORS.length];
            double px = xOf.applyAsDouble(p.recordsPerSecond());
            double py = yOf.applyAsDouble(p.p99Ms());
            s.append(marker(p, color, px, py));
            s.append(pointLabel(p, color, px, py, p == ringed, p.p99Ms() > yAxis.max(), boxes, left, right, top, bottom,
                    width, height));
        }
        if (best != null) {
            double px = xOf.applyAsDouble(best.recordsPerSecond());
            double py = yOf.applyAsDouble(best.p99Ms());
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"none\" stroke=\"#d62728\" "
                    + "stroke-width=\"2.5\"/>%n", px, py));
            if (paced && best.p99Ms() > target) {
                s.append(note("No setting that met the target rate kept p99 within the target: the lowest p99 is "
                        + "recommended", "#d62728", left, 64));
            }
            s.append(note("ringed, recommended: batch.size " + size(best.batchSize()) + ", linger.ms " + best.lingerMs()
                    + String.format(Locale.ROOT, " (%,.0f records/s, p99 %.0f ms%s)", best.recordsPerSecond(), best.p99Ms(),
                            paced ? ", the lowest at the target rate" : ""), "#d62728", left, 82));
        } else {
            s.append(note(paced ? String.format(Locale.ROOT, "No setting met the target rate of %s events/s without "
                    + "errors (no recommendation)", compact(rate))
                    : "No setting kept p99 within the target without errors (no recommendation)", "#d62728", left, 64));
            // Still show which setting went fastest, in grey: the answer when latency is not the constraint.
            if (fastest != null) {
                double px = xOf.applyAsDouble(fastest.recordsPerSecond());
                double py = yOf.applyAsDouble(fastest.p99Ms());
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"none\" stroke=\"#555\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"3 2\"/>%n", px, py));
                s.append(note("ringed, the fastest: batch.size " + size(fastest.batchSize()) + ", linger.ms "
                        + fastest.lingerMs() + String.format(Locale.ROOT, " (%,.0f records/s, p99 %.0f ms, %s)",
                                fastest.recordsPerSecond(), fastest.p99Ms(), paced ? "below the target rate"
                                        : "above the target"), "#555", left, 82));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"11\">%s</text>%n", left,
                height - 26, esc("Labels: linger.ms; colours: batch.size; hollow: the run had errors"
                        + (paced ? "; ×: below the target rate. Only records verified in Kafka count." : "."))));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"11\">%s</text>%n", left,
                height - 12, esc(paced ? "Recommended: of the settings that met the target rate without errors, the lowest "
                        + "p99 (ties: the smaller batch.size, then linger.ms)." : "Recommended: the highest throughput whose "
                        + "p99 is within the target, without errors.")));
        s.append("</svg>\n");
        return s.toString();
    }

    /** The target rate: a dashed line at it, labelled. */
    private static String targetRate(double px, double rate, int top, double plotH, List<double[]> boxes) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" "
                + "stroke-dasharray=\"6 4\"/>%n", px, top, px, top + plotH));
        String text = "target " + compact(rate) + " events/s";
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" fill=\"#d62728\">%s</text>%n",
                px - 4, top + 14, esc(text)));
        boxes.add(new double[] { px - 4 - text.length() * 6.6, top + 3, px, top + 17 });
        return s.toString();
    }

    /** A point: filled, hollow when the run had errors, a cross when it missed the target rate. */
    private static String marker(Point p, String color, double px, double py) {
        String tip = String.format(Locale.ROOT, "%s: %,.0f records/s, p99 %.1f ms%s%s", p.label(), p.recordsPerSecond(),
                p.p99Ms(), p.metRate() ? "" : ", below the target rate",
                p.clean() ? "" : ", " + p.errors() + " errors" + (p.lost() ? ", LOST" : ""));
        if (!p.metRate()) {
            return "<g><title>" + esc(tip) + "</title>" + cross(px, py, color).trim() + "</g>\n";
        }
        boolean bad = !p.clean();
        return String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"%s><title>%s</title></circle>%n",
                px, py, bad ? "white" : color, bad ? " stroke=\"" + color + "\" stroke-width=\"2\"" : "", esc(tip));
    }

    private static String cross(double px, double py, String color) {
        return String.format(Locale.ROOT, "<path d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\" stroke=\"%s\" "
                + "stroke-width=\"2.5\"/>%n", px - 5, py - 5, px + 5, py + 5, px - 5, py + 5, px + 5, py - 5, color);
    }

    /** A point's label (its linger.ms), where it overlaps the least with what is drawn already. */
    private static String pointLabel(Point p, String color, double px, double py, boolean ringed, boolean offChart,
            List<double[]> boxes, int left, int right, int top, int bottom, int width, int height) {
        boolean isDefault = p.batchSize() == DEFAULT_BATCH_SIZE && p.lingerMs() == DEFAULT_LINGER_MS;
        String label = (p.lingerMs() + " ms") + (isDefault ? " (default)" : "") + (p.clean() ? "" : " (errors)")
                + (offChart ? ", p99 " + (p.p99Ms() >= 1000 ? String.format(Locale.ROOT, "%.1f s", p.p99Ms() / 1000)
                        : String.format(Locale.ROOT, "%.0f ms", p.p99Ms())) + " ↑" : "");
        double w = label.length() * 6.6;
        double gap = ringed ? 15 : 8;
        double[][] candidates = { { px + gap, py + 4 }, { px + gap, py - 6 }, { px + gap, py + 14 },
                { px - gap - w, py + 4 }, { px - gap - w, py - 6 }, { px - gap - w, py + 14 },
                { px - w / 2, py - gap - 4 }, { px - w / 2, py + gap + 12 },
                { px + gap, py - 18 }, { px + gap, py + 26 }, { px - gap - w, py - 18 }, { px - gap - w, py + 26 },
                { px - w / 2, py - gap - 16 }, { px - w / 2, py + gap + 24 } };
        double[] chosen = candidates[0];
        double leastOverlap = Double.MAX_VALUE;
        for (double[] cand : candidates) {
            double[] box = { cand[0], cand[1] - 11, cand[0] + w, cand[1] + 3 };
            double overlap = 0;
            for (double[] other : boxes) {
                overlap += Math.max(0, Math.min(box[2], other[2]) - Math.max(box[0], other[0]))
                        * Math.max(0, Math.min(box[3], other[3]) - Math.max(box[1], other[1]));
            }
            if (box[0] < left || box[2] > width - right || box[1] < top || box[3] > height - bottom) {
                overlap += 1e6;
            }
            if (overlap < leastOverlap) {
                leastOverlap = overlap;
                chosen = cand;
            }
        }
        boxes.add(new double[] { chosen[0], chosen[1] - 11, chosen[0] + w, chosen[1] + 3 });
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"11\">%s</text>%n",
                chosen[0], chosen[1], color, esc(label));
    }

    /** A bold note above the plot (at y 64 or 82): the recommendation, or why there is none. */
    private static String note(String text, String color, int left, int y) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-weight=\"bold\">%s</text>%n",
                left, y, color, esc(text));
    }

    private static double niceStep(double range, int ticks) {
        if (range <= 0) {
            return 1;
        }
        double raw = range / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10;
        return nice * magnitude;
    }

    private static String compact(double v) {
        if (v >= 1000 && v % 1000 == 0) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
        }
        return p;
    }

    private static String first(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String numOrNull(String v) {
        return v == null || v.isBlank() ? "null" : v;
    }

    static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
