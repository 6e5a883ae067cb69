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
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the files a benchmark run left in its run directory into the results (plain JDK, no library):
 * <ul>
 * <li>{@code results --dir <run dir> --json <file>...}: the table (stdout and {@code <run dir>/table.txt}) and the JSON;</li>
 * <li>{@code explore --dir <run dir> --p99-target-ms <ms> --csv <file> --svg <file> [--json <file>]}: the batch.size /
 * linger.ms sweep as CSV, an SVG chart (throughput against p99) and the recommended setting.</li>
 * </ul>
 * Every throughput counts only records verified in Kafka (sum of the topic's end offsets after the run).
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
        Row limit = limitRow(dir);
        List<Row> rows = new ArrayList<>();
        for (String shape : run.getProperty("shapes", "").split(",")) {
            if (!shape.isBlank() && Files.exists(dir.resolve("shape-" + shape + ".properties"))) {
                rows.add(shapeRow(dir, shape, run));
            }
        }
        double limitRate = limit == null ? Double.NaN : limit.recordsPerSecond();

        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "producer-gateway benchmark, %s%n", run.getProperty("date")));
        t.append(String.format(Locale.ROOT, "machine: %s CPUs, %s GiB RAM, %s; Kafka %s (one broker, same machine)%n",
                run.getProperty("nproc"), run.getProperty("mem_gib"), run.getProperty("java"),
                run.getProperty("kafka_version")));
        t.append(String.format(Locale.ROOT, "load: %s-byte values, %s connections; the service's JVM warmed up %s s, "
                + "then per shape %s s warm-up and %s s measured; service: acks=all, idempotence, API keys, default settings%s%n",
                run.getProperty("record_size"), run.getProperty("connections"), run.getProperty("service_warmup", "0"),
                run.getProperty("warmup"), run.getProperty("duration"),
                run.getProperty("service_opts", "").isBlank() ? "" : ", JVM options " + run.getProperty("service_opts")));
        t.append(String.format(Locale.ROOT, "command: %s%n%n", run.getProperty("command")));
        String header = String.format(Locale.ROOT, "%-34s %11s %8s %8s %8s %9s %7s %14s %10s %8s  %s",
                "shape", "records/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "RSS MiB pk/max",
                "CPU s/10k", "vs limit", "in Kafka / acknowledged");
        t.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        List<Row> all = new ArrayList<>();
        if (limit != null) {
            all.add(limit);
        }
        all.addAll(rows);
        for (Row r : all) {
            String rss = r.hwmKb() < 0 ? "-" : String.format(Locale.ROOT, "%d/%d", r.hwmKb() / 1024, r.rssMaxKb() / 1024);
            t.append(String.format(Locale.ROOT, "%-34s %,11.0f %8.1f %8s %8s %9s %7s %14s %10s %8s  %,d / %,d%s%n",
                    r.label(), r.recordsPerSecond(), r.megabytesPerSecond(), r.p50(), r.p99(), r.p999(),
                    r.errors() == 0 ? "0" : Long.toString(r.errors()), rss,
                    Double.isNaN(r.cpuSecondsPer10k()) ? "-" : String.format(Locale.ROOT, "%.2f", r.cpuSecondsPer10k()),
                    Double.isNaN(limitRate) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.recordsPerSecond() / limitRate),
                    r.verified(), r.acknowledged(), r.lost() ? "  LOST " + (r.acknowledged() - r.verified()) : ""));
        }
        t.append('\n');
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
                Latency: the limit's is per record (ProducerPerformance: send() until acknowledged, whole milliseconds);
                the service's is per HTTP request, closed loop (written until the whole answer was read)%s
                RSS: the service JVM's peak resident memory so far (VmHWM, never reset between shapes) / the highest
                VmRSS sampled in this shape's window. CPU s/10k: the service's user+system CPU seconds per 10,000
                records (ProducerPerformance's own for the limit). "other" is everything else running on the machine.
                """.formatted(rows.stream().anyMatch(r -> r.name().equals("stream")) ? ";\n" + STREAM_NOTE.formatted(
                        load(dir.resolve("shape-stream.properties")).getProperty("stream_ahead", "?")) : "."));
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
                .append(", \"service_java_options\": ").append(q(run.getProperty("service_opts", "")))
                .append("},\n");
        j.append("  \"limit\": ").append(limit == null ? "null" : json(limit, limitRate)).append(",\n");
        j.append("  \"shapes\": [");
        for (int i = 0; i < rows.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(json(rows.get(i), limitRate));
        }
        j.append("\n  ],\n");
        j.append("  \"table\": ").append(q(t.toString())).append("\n}\n");
        for (String file : jsonFiles) {
            Files.writeString(Path.of(file), j.toString());
        }
    }

    /** Under the table when a stream ran: what its row measures. */
    private static final String STREAM_NOTE = """
            stream's is per event (its line written until its answer line was read), with each connection writing one
            NDJSON stream as fast as the service's window takes the lines, at most %s of them unanswered.""";

    private static String labelOf(String shape, Properties run, Properties load) {
        String batch = run.getProperty("batch", "100");
        return switch (shape) {
            case "sync-single" -> "sync, 1 event/request";
            case "sync-batch" -> "sync, " + batch + " events/request";
            case "async-single" -> "async (202), 1 event/request";
            case "async-batch" -> "async (202), " + batch + " events/request";
            case "wrk" -> "sync, 1 event/request (wrk)";
            // Its own connections: bench.sh opens at most as many streams as the service allows one principal.
            case "stream" -> "stream (NDJSON), " + load.getProperty("connections", run.getProperty("connections"))
                    + " connections";
            default -> shape;
        };
    }

    private static String json(Row r, double limitRate) {
        StringBuilder j = new StringBuilder("{");
        j.append("\"shape\": ").append(q(r.name())).append(", \"label\": ").append(q(r.label()));
        j.append(", \"records_per_s\": ").append(num(r.recordsPerSecond(), 1));
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
        j.append(", \"cpu_seconds_per_10k_events_of\": ").append(q(r.name().equals("limit") ? "ProducerPerformance" : "service"));
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

    /** The limit: ProducerPerformance's last line, checked against the topic's end offsets. */
    private static Row limitRow(Path dir) throws IOException {
        Path perf = dir.resolve("limit-perf.txt");
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
        Properties verify = load(dir.resolve("limit-verify.properties"));
        Properties cpu = load(dir.resolve("limit-cpu.properties"));
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
        return new Row("limit", "limit: Kafka ProducerPerformance", rate, rate * recordSize / 1048576.0, m.group(6),
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
            long verified, long acknowledged, double p50Ms, double serviceCores, double otherCores) {
        String label() {
            return size(batchSize) + " / " + lingerMs + " ms";
        }
    }

    private static void explore(Path dir, double target, Path csv, Path svg, List<String> jsonFiles) throws IOException {
        Properties run = load(dir.resolve("run.properties"));
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
                        r.cores().get("service"), r.cores().get("other")));
            }
        }
        points.removeIf(p -> Double.isNaN(p.p99Ms())); // no request was answered at all
        points.sort(Comparator.comparingLong(Point::batchSize).thenComparingLong(Point::lingerMs));
        Point best = null;
        for (Point p : points) {
            if (p.p99Ms() <= target && p.errors() == 0 && !p.lost()
                    && (best == null || p.recordsPerSecond() > best.recordsPerSecond())) {
                best = p;
            }
        }
        StringBuilder c = new StringBuilder("batch_size,linger_ms,records_per_s,p99_ms\n");
        for (Point p : points) {
            c.append(String.format(Locale.ROOT, "%d,%d,%.1f,%.3f%n", p.batchSize(), p.lingerMs(), p.recordsPerSecond(),
                    p.p99Ms()));
        }
        Files.writeString(csv, c.toString());
        String title = String.format(Locale.ROOT, "batch.size and linger.ms: %s-byte records, %s, %s connections, %s s per point",
                run.getProperty("record_size"), shapeText(run), run.getProperty("connections"), run.getProperty("duration"));
        Files.writeString(svg, svg(points, best, target, title, run), StandardCharsets.UTF_8);

        StringBuilder t = new StringBuilder();
        t.append(title).append(" (").append(run.getProperty("date")).append(")\n");
        t.append(String.format(Locale.ROOT, "%-12s %-10s %12s %9s %9s %8s %13s %11s  %s%n", "batch.size", "linger.ms",
                "records/s", "p50 ms", "p99 ms", "errors", "service cores", "other cores", "in Kafka / acknowledged"));
        for (Point p : points) {
            t.append(String.format(Locale.ROOT, "%-12d %-10d %,12.0f %9.2f %9.2f %8d %13.2f %11.2f  %,d / %,d%s%s%n",
                    p.batchSize(), p.lingerMs(), p.recordsPerSecond(), p.p50Ms(), p.p99Ms(), p.errors(), p.serviceCores(),
                    p.otherCores(), p.verified(), p.acknowledged(), p.lost() ? "  LOST" : "",
                    p == best ? "  <- recommended" : ""));
        }
        t.append("\"other cores\": CPU used by everything but the service, the broker and the load generator during the "
                + "point (another program running spoils the comparison).\n");
        double fastest = points.stream().mapToDouble(Point::recordsPerSecond).max().orElse(Double.NaN);
        int inFlight = Integer.parseInt(run.getProperty("connections", "64"))
                * (run.getProperty("explore_shape", "sync-batch").endsWith("batch") ? Integer.parseInt(run.getProperty("batch", "100")) : 1);
        t.append(best == null
                ? String.format(Locale.ROOT, "No setting kept p99 within %.0f ms without errors. In this closed loop %d "
                        + "events are always in flight (connections x events per request), so even the fastest point "
                        + "(%,.0f records/s) has a mean latency of at least %.0f ms (Little's law): use fewer --connections, "
                        + "or raise --p99-target-ms.%n", target, inFlight, fastest, 1000.0 * inFlight / fastest)
                : String.format(Locale.ROOT, "Recommended (highest throughput with p99 <= %.0f ms): "
                        + "mp.messaging.outgoing.events-out.batch.size=%d, mp.messaging.outgoing.events-out.linger.ms=%d "
                        + "(%,.0f records/s, p99 %.1f ms)%n", target, best.batchSize(), best.lingerMs(),
                        best.recordsPerSecond(), best.p99Ms()));
        System.out.print(t);
        Files.writeString(dir.resolve("explore-table.txt"), t.toString());
        StringBuilder j = new StringBuilder("{\n  \"date\": ").append(q(run.getProperty("date")))
                .append(",\n  \"command\": ").append(q(run.getProperty("command")))
                .append(",\n  \"record_size\": ").append(run.getProperty("record_size"))
                .append(",\n  \"shape\": ").append(q(run.getProperty("explore_shape")))
                .append(",\n  \"p99_target_ms\": ").append(num(target, 1))
                .append(",\n  \"recommended\": ").append(best == null ? "null"
                        : "{\"batch_size\": " + best.batchSize() + ", \"linger_ms\": " + best.lingerMs() + "}")
                .append(",\n  \"points\": [");
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            j.append(i == 0 ? "\n    " : ",\n    ").append(String.format(Locale.ROOT, "{\"batch_size\": %d, \"linger_ms\": %d, "
                    + "\"records_per_s\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"errors\": %d, \"lost\": %s, "
                    + "\"verified_in_kafka\": %d, \"acknowledged\": %d, \"service_cores\": %.3f, \"other_cores\": %.3f}",
                    p.batchSize(), p.lingerMs(), p.recordsPerSecond(), p.p50Ms(), p.p99Ms(), p.errors(), p.lost(),
                    p.verified(), p.acknowledged(), p.serviceCores(), p.otherCores()));
        }
        j.append("\n  ]\n}\n");
        for (String file : jsonFiles) {
            Files.writeString(Path.of(file), j.toString());
        }
    }

    private static String shapeText(Properties run) {
        String shape = run.getProperty("explore_shape", "sync-batch");
        return switch (shape) {
            case "sync-batch" -> "sync batches of " + run.getProperty("batch");
            case "sync-single" -> "sync single events";
            case "async-single" -> "async single events";
            case "async-batch" -> "async batches of " + run.getProperty("batch");
            default -> shape;
        };
    }

    /** The service's defaults (application.properties), marked on the chart. */
    private static final long DEFAULT_BATCH_SIZE = 16384;
    private static final long DEFAULT_LINGER_MS = 5;

    private static final String[] COLORS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2" };

    /** Throughput (x) against p99 (y): one point per setting, joined per batch.size, the target and the pick marked. */
    static String svg(List<Point> points, Point best, double target, String title, Properties run) {
        int width = 900;
        int height = 600;
        int left = 80;
        int right = 30;
        int top = 96; // title, subtitle and two lines of notes above the plot
        int bottom = 70;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double maxX = 0;
        double maxY = target;
        for (Point p : points) {
            maxX = Math.max(maxX, p.recordsPerSecond());
            maxY = Math.max(maxY, p.p99Ms());
        }
        double stepX = niceStep(maxX * 1.08, 6);
        double stepY = niceStep(maxY * 1.08, 6);
        double xMax = Math.max(stepX, Math.ceil(maxX * 1.08 / stepX) * stepX);
        double yMax = Math.max(stepY, Math.ceil(maxY * 1.08 / stepY) * stepY);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                left, esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"42\" fill=\"#555\" font-size=\"11\">%s</text>%n", left,
                esc("producer-gateway, " + run.getProperty("date") + ", " + run.getProperty("nproc") + " CPUs, "
                        + run.getProperty("java") + ", Kafka " + run.getProperty("kafka_version")
                        + "; only records verified in Kafka count")));
        // grid and axes
        for (double x = 0; x <= xMax + stepX / 2; x += stepX) {
            double px = left + x / xMax * plotW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n",
                    px, top, px, height - bottom));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px,
                    height - bottom + 18, esc(compact(x))));
        }
        for (double y = 0; y <= yMax + stepY / 2; y += stepY) {
            double py = top + plotH - y / yMax * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    left, py, width - right, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6,
                    py + 4, esc(y == Math.rint(y) ? String.format(Locale.ROOT, "%.0f", y) : String.format(Locale.ROOT, "%.1f", y))));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", left, top, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">throughput, records/s "
                + "(verified in Kafka)</text>%n", left + plotW / 2, height - bottom + 40));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "p99 latency per request, ms</text>%n", 22, top + plotH / 2));
        // target
        double ty = top + plotH - target / yMax * plotH;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" "
                + "stroke-dasharray=\"6 4\"/>%n", left, ty, width - right, ty));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#d62728\">p99 target "
                + "%s ms</text>%n", width - right - 4, ty - 5, esc(compact(target))));
        // series per batch.size
        List<Long> sizes = points.stream().map(Point::batchSize).distinct().sorted().toList();
        List<double[]> boxes = new ArrayList<>();
        for (int si = 0; si < sizes.size(); si++) {
            String color = COLORS[si % COLORS.length];
            long batchSize = sizes.get(si);
            List<Point> series = points.stream().filter(p -> p.batchSize() == batchSize)
                    .sorted(Comparator.comparingLong(Point::lingerMs)).toList();
            StringBuilder path = new StringBuilder();
            for (Point p : series) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        left + p.recordsPerSecond() / xMax * plotW, top + plotH - p.p99Ms() / yMax * plotH));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"0.5\"/>%n",
                    path, color));
            // legend
            int ly = top + 14 + si * 18;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">"
                    + "batch.size %s</text>%n", left + 14, ly, color, left + 24, ly + 4, esc(size(sizes.get(si)))));
            boxes.add(new double[] { left + 4, ly - 9, left + 120, ly + 9 });
        }
        Point fastest = points.stream().filter(p -> p.errors() == 0 && !p.lost())
                .max(Comparator.comparingDouble(Point::recordsPerSecond)).orElse(null);
        Point ringed = best != null ? best : fastest;
        for (Point p : points) {
            double px = left + p.recordsPerSecond() / xMax * plotW;
            double py = top + plotH - p.p99Ms() / yMax * plotH;
            double r = p == ringed ? 13 : 6;
            boxes.add(new double[] { px - r, py - r, px + r, py + r });
        }
        for (Point p : points) {
            String color = COLORS[sizes.indexOf(p.batchSize()) % COLORS.length];
            double px = left + p.recordsPerSecond() / xMax * plotW;
            double py = top + plotH - p.p99Ms() / yMax * plotH;
            boolean bad = p.errors() > 0 || p.lost();
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"%s><title>%s: %,.0f "
                    + "records/s, p99 %.1f ms%s</title></circle>%n", px, py, bad ? "white" : color,
                    bad ? " stroke=\"" + color + "\" stroke-width=\"2\"" : "", esc(p.label()), p.recordsPerSecond(),
                    p.p99Ms(), bad ? ", " + p.errors() + " errors" + (p.lost() ? ", LOST" : "") : ""));
            boolean isDefault = p.batchSize() == DEFAULT_BATCH_SIZE && p.lingerMs() == DEFAULT_LINGER_MS;
            String label = (p.lingerMs() + " ms") + (isDefault ? " (default)" : "") + (bad ? " (errors)" : "");
            double w = label.length() * 6.6;
            double gap = p == ringed ? 15 : 8;
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
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"11\">%s</text>%n",
                    chosen[0], chosen[1], color, esc(label)));
        }
        if (best != null) {
            double px = left + best.recordsPerSecond() / xMax * plotW;
            double py = top + plotH - best.p99Ms() / yMax * plotH;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"none\" stroke=\"#d62728\" "
                    + "stroke-width=\"2.5\"/>%n", px, py));
            String text = "ringed, recommended: batch.size " + size(best.batchSize()) + ", linger.ms " + best.lingerMs()
                    + String.format(Locale.ROOT, " (%,.0f records/s, p99 %.0f ms)", best.recordsPerSecond(), best.p99Ms());
            s.append(callout(text, "#d62728", px, py, left, top, plotW));
        }
        if (best == null) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#d62728\" font-weight=\"bold\">No "
                    + "setting kept p99 within the target without errors (no recommendation)</text>%n", left, 64));
            // Still show which setting went fastest, in grey: the answer when latency is not the constraint.
            if (fastest != null) {
                double px = left + fastest.recordsPerSecond() / xMax * plotW;
                double py = top + plotH - fastest.p99Ms() / yMax * plotH;
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"none\" stroke=\"#555\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"3 2\"/>%n", px, py));
                String text = "ringed, the fastest: batch.size " + size(fastest.batchSize()) + ", linger.ms " + fastest.lingerMs()
                        + String.format(Locale.ROOT, " (%,.0f records/s, p99 %.0f ms, above the target)",
                                fastest.recordsPerSecond(), fastest.p99Ms());
                s.append(callout(text, "#555", px, py, left, top, plotW));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"11\">%s</text>%n", left,
                height - 12, esc("Labels: linger.ms; colours: batch.size; hollow: the run had errors. Recommended: the "
                        + "highest throughput whose p99 is within the target.")));
        s.append("</svg>\n");
        return s.toString();
    }

    /** A bold note above the plot about the ringed point. */
    private static String callout(String text, String color, double px, double py, int left, int top, double plotW) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-weight=\"bold\">%s</text>%n",
                left, 82, color, esc(text));
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
