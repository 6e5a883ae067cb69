package io.producergateway.problem;

import java.util.Locale;
import java.util.regex.Pattern;

import io.producergateway.event.ProblemType;

/**
 * How a request's error answer is written, from its path and its {@code Accept}: on the REST Proxy paths (v2
 * {@code /topics}, v3 {@code [/kafka]/v3}) the problem also carries Confluent's {@code error_code} and
 * {@code message}, in the content type the client accepted; elsewhere (our {@code /v1}) it is a pure RFC 9457 problem.
 */
record ProblemFormat(Api api, boolean producing, String mediaType) {

    /** Which API's error codes the body carries. */
    enum Api {
        OURS, V2, V3
    }

    /** REST Proxy's answer type; {@code application/vnd.kafka+json} is its generic form, the latest version (v2). */
    static final String KAFKA_V2 = "application/vnd.kafka.v2+json";
    private static final String KAFKA_GENERIC = "application/vnd.kafka+json";
    private static final String JSON = "application/json";

    static final ProblemFormat PROBLEM = new ProblemFormat(Api.OURS, false, Problem.MEDIA_TYPE);

    private static final Pattern V2_PATH = Pattern.compile("/topics(?:/.*)?");
    private static final Pattern V3_PATH = Pattern.compile("(?:/kafka)?/v3(?:/.*)?");
    private static final Pattern V3_RECORDS = Pattern.compile("(?:/kafka)?/v3/clusters/[^/]+/topics/[^/]+/records/?");

    /** @param path the request's path, decoded and normalized; with or without its leading slash (JAX-RS UriInfo) */
    static ProblemFormat of(String path, String accept) {
        if (path == null) {
            return PROBLEM;
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        Api api = V2_PATH.matcher(path).matches() ? Api.V2 : V3_PATH.matcher(path).matches() ? Api.V3 : Api.OURS;
        if (api == Api.OURS) {
            return PROBLEM;
        }
        return new ProblemFormat(api, api == Api.V3 && V3_RECORDS.matcher(path).matches(), mediaType(accept));
    }

    /**
     * REST Proxy's type when the client asks for it, else {@code application/problem+json} when it names that, else
     * {@code application/json} when it names that (v3 clients), else {@code application/problem+json}. Wildcards and
     * parameters other than {@code q=0} do not choose: the body is the same in every case.
     */
    private static String mediaType(String accept) {
        if (accept == null) {
            return Problem.MEDIA_TYPE;
        }
        boolean problem = false;
        boolean json = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (refused(parts)) {
                continue;
            }
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(KAFKA_V2) || type.equals(KAFKA_GENERIC)) {
                return KAFKA_V2;
            }
            problem |= type.equals(Problem.MEDIA_TYPE);
            json |= type.equals(JSON);
        }
        return json && !problem ? JSON : Problem.MEDIA_TYPE;
    }

    /** Whether a media range carries {@code q=0}: the client does not want it. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (parameter.startsWith("q=") && parameter.matches("q=0(?:\\.0{0,3})?")) {
                return true;
            }
        }
        return false;
    }

    /** The problem of this type as this format writes it: with Confluent's members on the REST Proxy paths. */
    Problem apply(Problem problem, ProblemType type) {
        return switch (api) {
            case OURS -> problem;
            case V2 -> problem.withConfluentCode(ConfluentCodes.v2(type));
            case V3 -> problem.withConfluentCode(ConfluentCodes.v3(type, producing));
        };
    }
}
