package io.stagegate.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.LeadModelException.Problem;
import io.stagegate.model.domain.BusinessHours;
import io.stagegate.model.domain.Criterion;
import io.stagegate.model.domain.LeadField;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.Motion;
import io.stagegate.model.domain.RoleGate;
import io.stagegate.model.domain.RoutingModel;
import io.stagegate.model.domain.ScoringModel;
import io.stagegate.model.domain.SlaPolicy;
import io.stagegate.model.domain.Taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the lead model YAML, validates it against the shipped JSON Schema and then every
 * cross-reference (criteria, stages, taxonomy ids, teams), and builds the immutable
 * {@link LeadModel}. Any problem stops the load with all problems listed by line.
 */
public final class LeadModelLoader {

    public static final String DEFAULT_RESOURCE = "/stagegate/lead-model.yaml";
    public static final String SCHEMA_RESOURCE = "/stagegate/lead-model.schema.json";
    private static final String CLASSPATH_PREFIX = "classpath:";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private LeadModelLoader() {
    }

    /** The model shipped in the jar. */
    public static LeadModel loadDefault() {
        // The shipped model is checked against the JSON Schema at build time
        // (DefaultLeadModelSchemaTest), so Lambda skips that step: building the networknt
        // validators costs 0.15-0.4 s of every cold start (bench/RESULTS.md). The cross-reference
        // checks still run; an operator's file (STAGEGATE_LEAD_MODEL) is always fully validated.
        return parse(readResource(DEFAULT_RESOURCE), "classpath:" + DEFAULT_RESOURCE, false);
    }

    /**
     * The operator's model when {@code location} is set (a file path or {@code classpath:/…}),
     * else the default.
     */
    public static LeadModel load(String location) {
        if (location == null || location.isBlank()) {
            return loadDefault();
        }
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return parse(readResource(location.substring(CLASSPATH_PREFIX.length())), location);
        }
        try {
            return parse(Files.readString(Path.of(location), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new LeadModelException(location, List.of(new Problem("", 0,
                    "cannot read the file: " + e.getMessage(),
                    "set " + "STAGEGATE_LEAD_MODEL" + " to a readable YAML file or unset it to use the default")));
        }
    }

    public static LeadModel parse(String yaml, String source) {
        return parse(yaml, source, true);
    }

    private static LeadModel parse(String yaml, String source, boolean validateSchema) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new LeadModelException(source, List.of(new Problem("", line,
                    "not valid YAML: " + e.getOriginalMessage(), "correct the YAML syntax")));
        }
        if (root == null || !root.isObject()) {
            throw new LeadModelException(source, List.of(new Problem("", 1, "the document is empty or not a mapping",
                    "start from the default lead-model.yaml")));
        }
        YamlLocations locations = YamlLocations.index(yaml);
        List<Problem> schemaProblems = new ArrayList<>();
        for (ValidationMessage m : validateSchema ? schema().validate(root) : Set.<ValidationMessage>of()) {
            String pointer = toPointer(m.getInstanceLocation().toString());
            // a bad key (unknown stage, misspelt property) is reported on its parent mapping;
            // point at the key itself so the line named is the one to edit
            if (m.getProperty() != null && !m.getProperty().isEmpty()
                    && ("propertyNames".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
                pointer = pointer + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
            }
            schemaProblems.add(new Problem(pointer, locations.lineOf(pointer), m.getMessage(),
                    "see lead-model.schema.json for the allowed shape"));
        }
        if (!schemaProblems.isEmpty()) {
            throw new LeadModelException(source, schemaProblems);
        }
        return new Builder(root, locations, source).build();
    }

    private static JsonSchema schema() {
        return SchemaHolder.SCHEMA;
    }

    /** Built on first use only: most loads in Lambda are the default model (see README). */
    private static final class SchemaHolder {
        static final JsonSchema SCHEMA;

        static {
            try (InputStream in = LeadModelLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code $.criteria.icp-fit.all[2]} → {@code /criteria/icp-fit/all/2}. */
    static String toPointer(String jsonPath) {
        if (jsonPath == null || jsonPath.equals("$")) {
            return "";
        }
        String p = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                out.append('/').append(p, i + 1, end);
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                String inner = p.substring(i + 1, end);
                if (inner.startsWith("'") && inner.endsWith("'")) {
                    inner = inner.substring(1, inner.length() - 1);
                }
                out.append('/').append(inner);
                i = end + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static String readResource(String resource) {
        try (InputStream in = LeadModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LeadModelException(resource, List.of(new Problem("", 0, "not on the classpath",
                        "name a resource inside the functions jar or a file path")));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Turns the schema-valid tree into the model, checking every reference. Collects problems
     * instead of failing on the first, so one run shows everything to fix.
     */
    private static final class Builder {
        private final JsonNode root;
        private final YamlLocations locations;
        private final String source;
        private final List<Problem> problems = new ArrayList<>();
        private final Set<String> criterionNames = new HashSet<>();
        private Set<String> industries = Set.of();
        private Set<String> roles = Set.of();
        private Set<String> useCases = Set.of();
        private Set<String> frameworks = Set.of();
        private Set<String> topics = Set.of();
        private Set<String> regions = Set.of();
        private Set<String> motionIds = Set.of();

        Builder(JsonNode root, YamlLocations locations, String source) {
            this.root = root;
            this.locations = locations;
            this.source = source;
        }

        private void problem(String pointer, String message, String fix) {
            problems.add(new Problem(pointer, locations.lineOf(pointer), message, fix));
        }

        LeadModel build() {
            root.path("criteria").fieldNames().forEachRemaining(criterionNames::add);
            motionIds = new LinkedHashSet<>();
            root.path("motions").fieldNames().forEachRemaining(motionIds::add);

            Taxonomy taxonomy = taxonomy(root.path("taxonomy"));
            Map<String, Criterion> criteria = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.path("criteria").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                criteria.put(e.getKey(), criterion(e.getValue(), "/criteria/" + e.getKey()));
            }
            detectCycles(criteria);

            String defaultMotion = root.path("defaultMotion").asText();
            if (!motionIds.contains(defaultMotion)) {
                problem("/defaultMotion", "unknown motion '" + defaultMotion + "'", "use one of " + motionIds);
            }
            String fitGate = root.path("fitGate").asText();
            requireCriterion(fitGate, "/fitGate");

            Map<Stage, List<String>> statuses = statuses();
            List<LeadModel.MotionSelector> selectors = motionSelectors();
            Map<String, Motion> motions = motions();
            List<RoleGate> roleGates = roleGates();
            List<String> opportunityGate = new ArrayList<>();
            JsonNode og = root.path("opportunityGate");
            for (int i = 0; i < og.size(); i++) {
                requireCriterion(og.get(i).asText(), "/opportunityGate/" + i);
                opportunityGate.add(og.get(i).asText());
            }
            ScoringModel scoring = scoring(root.path("scoring"));
            RoutingModel routing = routing(root.path("routing"));
            Map<Stage, SlaPolicy> slas = slas();
            BusinessHours businessHours = businessHours(root.path("businessHours"));
            Map<String, Set<String>> reasonCodes = new LinkedHashMap<>();
            root.path("reasonCodes").fields().forEachRemaining(e -> reasonCodes.put(e.getKey(), strings(e.getValue())));

            if (!problems.isEmpty()) {
                throw new LeadModelException(source, problems);
            }
            return new LeadModel(root.path("version").asText(), defaultMotion, statuses, selectors, motions,
                    Map.copyOf(criteria), fitGate, roleGates, List.copyOf(opportunityGate), taxonomy, scoring,
                    routing, slas, businessHours, Map.copyOf(reasonCodes), root.path("rejectFollowUpDays").asInt(90));
        }

        // ---------------------------------------------------------------- taxonomy

        private Taxonomy taxonomy(JsonNode t) {
            List<Taxonomy.Industry> inds = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            eachItem(t.path("industries"), "/taxonomy/industries", (n, ptr) -> {
                String id = n.path("id").asText();
                unique(seen, id, ptr + "/id", "industry");
                inds.add(new Taxonomy.Industry(id, n.path("name").asText(), listOf(n.path("aliases"))));
            });
            industries = ids(t.path("industries"));

            List<Taxonomy.Role> roleList = new ArrayList<>();
            Set<String> seenRoles = new HashSet<>();
            eachItem(t.path("roles"), "/taxonomy/roles", (n, ptr) -> {
                String id = n.path("id").asText();
                unique(seenRoles, id, ptr + "/id", "role");
                List<Pattern> patterns = new ArrayList<>();
                JsonNode tp = n.path("titlePatterns");
                for (int i = 0; i < tp.size(); i++) {
                    try {
                        patterns.add(Pattern.compile(tp.get(i).asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                    } catch (PatternSyntaxException e) {
                        problem(ptr + "/titlePatterns/" + i, "not a valid regular expression: " + e.getDescription(),
                                "escape special characters, e.g. '\\\\bciso\\\\b'");
                    }
                }
                roleList.add(new Taxonomy.Role(id, List.copyOf(patterns), n.path("technical").asBoolean(false),
                        n.path("buyer").asBoolean(true)));
            });
            roles = ids(t.path("roles"));
            useCases = ids(t.path("useCases"));
            frameworks = ids(t.path("frameworks"));
            topics = strings(t.path("topics"));
            checkUnique(t.path("useCases"), "/taxonomy/useCases", "use case");
            checkUnique(t.path("frameworks"), "/taxonomy/frameworks", "framework");

            List<Taxonomy.Asset> assets = new ArrayList<>();
            Set<String> seenAssets = new HashSet<>();
            eachItem(t.path("assets"), "/taxonomy/assets", (n, ptr) -> {
                String id = n.path("id").asText();
                unique(seenAssets, id, ptr + "/id", "asset");
                String uc = textOrNull(n, "useCase");
                refIn(useCases, uc, ptr + "/useCase", "use case", "taxonomy.useCases");
                Set<String> ts = strings(n.path("topics"));
                ts.forEach(topic -> refIn(topics, topic, ptr + "/topics", "topic", "taxonomy.topics"));
                assets.add(new Taxonomy.Asset(id, n.path("name").asText(), uc, ts));
            });
            List<Taxonomy.PagePath> pages = new ArrayList<>();
            eachItem(t.path("pages"), "/taxonomy/pages", (n, ptr) -> {
                String uc = textOrNull(n, "useCase");
                refIn(useCases, uc, ptr + "/useCase", "use case", "taxonomy.useCases");
                Set<String> ts = strings(n.path("topics"));
                ts.forEach(topic -> refIn(topics, topic, ptr + "/topics", "topic", "taxonomy.topics"));
                pages.add(new Taxonomy.PagePath(n.path("prefix").asText().toLowerCase(Locale.ROOT), uc, ts,
                        n.path("frameworkFromPath").asBoolean(false)));
            });
            Map<String, String> regionByCountry = new LinkedHashMap<>();
            t.path("regionByCountry").fields().forEachRemaining(e ->
                    regionByCountry.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asText()));
            regions = new LinkedHashSet<>(regionByCountry.values());
            return new Taxonomy(List.copyOf(inds), List.copyOf(roleList), namedItems(t.path("useCases")),
                    namedItems(t.path("frameworks")), topics, List.copyOf(assets), List.copyOf(pages),
                    Map.copyOf(regionByCountry));
        }

        private List<Taxonomy.NamedItem> namedItems(JsonNode arr) {
            List<Taxonomy.NamedItem> out = new ArrayList<>();
            arr.forEach(n -> out.add(new Taxonomy.NamedItem(n.path("id").asText(), n.path("name").asText(),
                    listOf(n.path("aliases")))));
            return List.copyOf(out);
        }

        // ---------------------------------------------------------------- criteria

        private Criterion criterion(JsonNode n, String ptr) {
            if (n.isTextual()) {
                requireCriterion(n.asText(), ptr);
                return new Criterion.Ref(n.asText());
            }
            if (n.has("all")) {
                return new Criterion.All(children(n.path("all"), ptr + "/all"));
            }
            if (n.has("any")) {
                return new Criterion.Any(children(n.path("any"), ptr + "/any"));
            }
            if (n.has("not")) {
                return new Criterion.Not(criterion(n.path("not"), ptr + "/not"));
            }
            if (n.has("signals")) {
                JsonNode s = n.path("signals");
                Set<SignalType> types = new LinkedHashSet<>();
                s.path("types").forEach(x -> types.add(SignalType.fromWire(x.asText())));
                Set<String> ts = strings(s.path("topics"));
                ts.forEach(x -> refIn(topics, x, ptr + "/signals/topics", "topic", "taxonomy.topics"));
                Set<String> ucs = strings(s.path("useCases"));
                ucs.forEach(x -> refIn(useCases, x, ptr + "/signals/useCases", "use case", "taxonomy.useCases"));
                return new Criterion.SignalCount(Set.copyOf(types), ts, ucs, s.path("atLeast").asInt(),
                        s.path("withinDays").asInt());
            }
            if (n.has("fact")) {
                String check = n.path("check").asText();
                Criterion.FactCheck fc = switch (check) {
                    case "true" -> Criterion.FactCheck.TRUE;
                    case "nonEmpty" -> Criterion.FactCheck.NON_EMPTY;
                    default -> Criterion.FactCheck.PRESENT;
                };
                return new Criterion.Fact(n.path("fact").asText(), fc);
            }
            if (n.has("contacts")) {
                JsonNode c = n.path("contacts");
                Set<String> rs = strings(c.path("roles"));
                rs.forEach(r -> refIn(roles, r, ptr + "/contacts/roles", "role", "taxonomy.roles"));
                Boolean technical = c.has("technical") ? c.path("technical").asBoolean() : null;
                return new Criterion.Contacts(rs, technical, c.path("atLeast").asInt(1));
            }
            String fieldName = n.path("field").asText();
            LeadField field = LeadField.byName(fieldName);
            if (field == null) {
                problem(ptr + "/field", "unknown field '" + fieldName + "'", "use one of: " + LeadField.names());
                return new Criterion.Present(LeadField.COMPANY);
            }
            if (n.has("in")) {
                Set<String> values = strings(n.path("in"));
                Set<String> allowed = taxonomyOf(field);
                if (allowed != null) {
                    values.forEach(v -> refIn(allowed, v, ptr + "/in", field.taxonomy().replaceAll("s$", ""),
                            field.taxonomy().equals("motions") ? "motions" : "taxonomy." + field.taxonomy()));
                }
                return new Criterion.FieldIn(field, values);
            }
            if (n.has("atLeast") || n.has("atMost")) {
                if (field.kind() != LeadField.Kind.NUMBER) {
                    problem(ptr + "/field", "'" + fieldName + "' is not numeric", "thresholds apply to companySize, fitScore, intentScore");
                }
                return new Criterion.Threshold(field, n.has("atLeast") ? n.path("atLeast").asDouble() : null,
                        n.has("atMost") ? n.path("atMost").asDouble() : null);
            }
            if (n.has("is")) {
                if (field.kind() != LeadField.Kind.BOOLEAN) {
                    problem(ptr + "/field", "'" + fieldName + "' is not a yes/no field", "use 'in' or 'present' instead of 'is'");
                }
                return new Criterion.FieldIs(field, n.path("is").asBoolean());
            }
            return new Criterion.Present(field);
        }

        private List<Criterion> children(JsonNode arr, String ptr) {
            List<Criterion> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                out.add(criterion(arr.get(i), ptr + "/" + i));
            }
            return List.copyOf(out);
        }

        private Set<String> taxonomyOf(LeadField field) {
            if (field.taxonomy() == null) {
                return null;
            }
            return switch (field.taxonomy()) {
                case "industries" -> industries;
                case "roles" -> roles;
                case "useCases" -> useCases;
                case "frameworks" -> frameworks;
                case "regions" -> regions;
                case "motions" -> motionIds;
                default -> null;
            };
        }

        private void detectCycles(Map<String, Criterion> criteria) {
            for (String name : criteria.keySet()) {
                if (reaches(criteria, criteria.get(name), name, new HashSet<>())) {
                    problem("/criteria/" + name, "criterion '" + name + "' refers to itself (directly or through others)",
                            "break the cycle: a criterion may only use criteria that do not use it");
                }
            }
        }

        private boolean reaches(Map<String, Criterion> all, Criterion c, String target, Set<String> visited) {
            if (c instanceof Criterion.Ref r) {
                if (r.name().equals(target)) {
                    return true;
                }
                Criterion next = all.get(r.name());
                return next != null && visited.add(r.name()) && reaches(all, next, target, visited);
            }
            if (c instanceof Criterion.All a) {
                return a.of().stream().anyMatch(x -> reaches(all, x, target, visited));
            }
            if (c instanceof Criterion.Any a) {
                return a.of().stream().anyMatch(x -> reaches(all, x, target, visited));
            }
            if (c instanceof Criterion.Not n) {
                return reaches(all, n.of(), target, visited);
            }
            return false;
        }

        // ---------------------------------------------------------------- stages and motions

        private Map<Stage, List<String>> statuses() {
            Map<Stage, List<String>> out = new EnumMap<>(Stage.class);
            root.path("statuses").fields().forEachRemaining(e -> out.put(Stage.valueOf(e.getKey()), listOf(e.getValue())));
            for (Stage s : Stage.values()) {
                if (!out.containsKey(s)) {
                    problem("/statuses", "no statuses for stage " + s, "add '" + s + ": [OPEN]'");
                }
            }
            return out;
        }

        private List<LeadModel.MotionSelector> motionSelectors() {
            List<LeadModel.MotionSelector> out = new ArrayList<>();
            eachItem(root.path("motionsByForm"), "/motionsByForm", (n, ptr) -> {
                String motion = n.path("motion").asText();
                if (!motionIds.contains(motion)) {
                    problem(ptr + "/motion", "unknown motion '" + motion + "'", "define it under motions: or use one of " + motionIds);
                }
                String uc = textOrNull(n, "useCase");
                refIn(useCases, uc, ptr + "/useCase", "use case", "taxonomy.useCases");
                out.add(new LeadModel.MotionSelector(n.path("formType").asText(), uc, motion));
            });
            return List.copyOf(out);
        }

        private Map<String, Motion> motions() {
            Map<String, Motion> out = new LinkedHashMap<>();
            root.path("motions").fields().forEachRemaining(e -> {
                String ptr = "/motions/" + e.getKey();
                JsonNode m = e.getValue();
                Map<Stage, Motion.EntryRule> automated = entryRules(m.path("automated"), ptr + "/automated");
                if (!automated.containsKey(Stage.MARKETING_ENGAGED) || !automated.containsKey(Stage.MARKETING_QUALIFIED)) {
                    problem(ptr + "/automated", "motion needs entry rules for MARKETING_ENGAGED and MARKETING_QUALIFIED",
                            "add both stages under automated:");
                }
                Map<Stage, Motion.EntryRule> gates = entryRules(m.path("gates"), ptr + "/gates");
                if (!gates.containsKey(Stage.SALES_QUALIFIED)) {
                    problem(ptr + "/gates", "motion needs the facts a person confirms for SALES_QUALIFIED",
                            "add gates: SALES_QUALIFIED: {rule: …, criteria: [...]}");
                }
                out.put(e.getKey(), new Motion(e.getKey(), m.path("description").asText(""), automated, gates,
                        m.path("scheduleCallAccepts").asBoolean(false)));
            });
            Set<String> ruleNames = new HashSet<>();
            out.values().forEach(m -> {
                m.automated().values().forEach(r -> unique(ruleNames, r.rule(), "/motions/" + m.id(), "rule name"));
                m.gates().values().forEach(r -> unique(ruleNames, r.rule(), "/motions/" + m.id(), "rule name"));
            });
            return Map.copyOf(out);
        }

        private Map<Stage, Motion.EntryRule> entryRules(JsonNode node, String ptr) {
            Map<Stage, Motion.EntryRule> out = new EnumMap<>(Stage.class);
            node.fields().forEachRemaining(e -> {
                String p = ptr + "/" + e.getKey();
                Stage stage = Stage.valueOf(e.getKey());
                List<LeadField> required = new ArrayList<>();
                JsonNode rf = e.getValue().path("requiredFields");
                for (int i = 0; i < rf.size(); i++) {
                    LeadField f = LeadField.byName(rf.get(i).asText());
                    if (f == null) {
                        problem(p + "/requiredFields/" + i, "unknown field '" + rf.get(i).asText() + "'",
                                "use one of: " + LeadField.names());
                    } else {
                        required.add(f);
                    }
                }
                List<String> criteria = listOf(e.getValue().path("criteria"));
                for (int i = 0; i < criteria.size(); i++) {
                    requireCriterion(criteria.get(i), p + "/criteria/" + i);
                }
                out.put(stage, new Motion.EntryRule(e.getValue().path("rule").asText(), List.copyOf(required), criteria));
            });
            return out;
        }

        private List<RoleGate> roleGates() {
            List<RoleGate> out = new ArrayList<>();
            eachItem(root.path("roleGates"), "/roleGates", (n, ptr) -> {
                Set<String> rs = strings(n.path("roles"));
                rs.forEach(r -> refIn(roles, r, ptr + "/roles", "role", "taxonomy.roles"));
                boolean technical = n.path("technical").asBoolean(false);
                if (rs.isEmpty() && !technical) {
                    problem(ptr, "role gate applies to no one", "give roles: [...] or technical: true");
                }
                requireCriterion(n.path("requires").asText(), ptr + "/requires");
                out.add(new RoleGate(n.path("name").asText(), rs, technical, n.path("requires").asText()));
            });
            return List.copyOf(out);
        }

        // ---------------------------------------------------------------- scoring, routing, SLAs

        private ScoringModel scoring(JsonNode s) {
            List<ScoringModel.FitRule> fit = new ArrayList<>();
            Set<String> names = new HashSet<>();
            eachItem(s.path("fit"), "/scoring/fit", (n, ptr) -> {
                unique(names, n.path("name").asText(), ptr + "/name", "fit rule");
                requireCriterion(n.path("criterion").asText(), ptr + "/criterion");
                fit.add(new ScoringModel.FitRule(n.path("name").asText(), n.path("criterion").asText(), n.path("points").asInt()));
            });
            Map<String, Integer> byType = new LinkedHashMap<>();
            s.path("intentBySignalType").fields().forEachRemaining(e -> byType.put(e.getKey(), e.getValue().asInt()));
            Map<String, Integer> byTopic = new LinkedHashMap<>();
            s.path("intentByTopic").fields().forEachRemaining(e -> {
                refIn(topics, e.getKey(), "/scoring/intentByTopic/" + e.getKey(), "topic", "taxonomy.topics");
                byTopic.put(e.getKey(), e.getValue().asInt());
            });
            return new ScoringModel(s.path("fitCap").asInt(), s.path("intentCap").asInt(), s.path("halfLifeDays").asDouble(),
                    s.path("windowDays").asInt(), List.copyOf(fit), Map.copyOf(byType), Map.copyOf(byTopic));
        }

        private RoutingModel routing(JsonNode r) {
            Map<String, RoutingModel.Team> teams = new LinkedHashMap<>();
            eachItem(r.path("teams"), "/routing/teams", (n, ptr) -> {
                String id = n.path("id").asText();
                if (teams.containsKey(id)) {
                    problem(ptr + "/id", "duplicate team '" + id + "'", "give each team a unique id");
                }
                List<RoutingModel.Member> members = new ArrayList<>();
                Set<String> memberIds = new HashSet<>();
                eachItem(n.path("members"), ptr + "/members", (m, mp) -> {
                    unique(memberIds, m.path("id").asText(), mp + "/id", "team member");
                    Set<String> territories = strings(m.path("territories"));
                    territories.forEach(t -> refIn(regions, t, mp + "/territories", "region", "taxonomy.regionByCountry values"));
                    members.add(new RoutingModel.Member(m.path("id").asText(), territories, strings(m.path("partners"))));
                });
                teams.put(id, new RoutingModel.Team(id, n.path("name").asText(id), textOrNull(n, "manager"), List.copyOf(members)));
            });
            Map<Stage, RoutingModel.Strategy> strategies = new EnumMap<>(Stage.class);
            r.path("strategyByStage").fields().forEachRemaining(e -> strategies.put(Stage.valueOf(e.getKey()),
                    RoutingModel.Strategy.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
            String sdr = r.path("sdrTeam").asText();
            teamRef(teams, sdr, "/routing/sdrTeam");
            String partnerTeam = textOrNull(r, "partnerTeam");
            if (partnerTeam != null) {
                teamRef(teams, partnerTeam, "/routing/partnerTeam");
            }
            Map<String, String> byUseCase = new LinkedHashMap<>();
            r.path("teamByUseCase").fields().forEachRemaining(e -> {
                String ptr = "/routing/teamByUseCase/" + e.getKey();
                refIn(useCases, e.getKey(), ptr, "use case", "taxonomy.useCases");
                teamRef(teams, e.getValue().asText(), ptr);
                byUseCase.put(e.getKey(), e.getValue().asText());
            });
            String def = r.path("defaultSpecialistTeam").asText();
            teamRef(teams, def, "/routing/defaultSpecialistTeam");
            return new RoutingModel(Map.copyOf(strategies), sdr, partnerTeam, Map.copyOf(byUseCase), def, Map.copyOf(teams));
        }

        private void teamRef(Map<String, RoutingModel.Team> teams, String id, String ptr) {
            if (!teams.containsKey(id)) {
                problem(ptr, "unknown team '" + id + "'", "define it under routing.teams or use one of " + teams.keySet());
            }
        }

        private Map<Stage, SlaPolicy> slas() {
            Map<Stage, SlaPolicy> out = new EnumMap<>(Stage.class);
            eachItem(root.path("slas"), "/slas", (n, ptr) -> {
                Stage stage = Stage.valueOf(n.path("stage").asText());
                if (out.containsKey(stage)) {
                    problem(ptr + "/stage", "second SLA for " + stage, "keep one SLA per stage");
                }
                List<SlaPolicy.Escalation> steps = new ArrayList<>();
                n.path("escalation").forEach(x -> steps.add(
                        SlaPolicy.Escalation.valueOf(x.asText().toUpperCase(Locale.ROOT).replace('-', '_'))));
                out.put(stage, new SlaPolicy(stage, n.path("name").asText(), n.path("hours").asInt(),
                        n.path("businessHours").asBoolean(false), textOrNull(n, "stopOn"), List.copyOf(steps)));
            });
            return out;
        }

        private BusinessHours businessHours(JsonNode b) {
            if (b.isMissingNode()) {
                return new BusinessHours(ZoneId.of("UTC"), 9, 17, Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
            }
            ZoneId zone = ZoneId.of("UTC");
            try {
                zone = ZoneId.of(b.path("zone").asText());
            } catch (DateTimeException e) {
                problem("/businessHours/zone", "unknown time zone '" + b.path("zone").asText() + "'", "use an IANA zone such as Europe/Berlin");
            }
            if (b.path("startHour").asInt() >= b.path("endHour").asInt()) {
                problem("/businessHours", "startHour must be before endHour", "e.g. startHour: 9, endHour: 17");
            }
            Set<DayOfWeek> days = new LinkedHashSet<>();
            b.path("days").forEach(d -> days.add(DayOfWeek.valueOf(d.asText())));
            return new BusinessHours(zone, b.path("startHour").asInt(), b.path("endHour").asInt(), Set.copyOf(days));
        }

        // ---------------------------------------------------------------- helpers

        private void requireCriterion(String name, String ptr) {
            if (!criterionNames.contains(name)) {
                problem(ptr, "unknown criterion '" + name + "'", "define it under criteria: or fix the name");
            }
        }

        private void refIn(Set<String> allowed, String value, String ptr, String what, String where) {
            if (value != null && !allowed.contains(value)) {
                problem(ptr, "unknown " + what + " '" + value + "'", "add it to " + where + " or use one of " + allowed);
            }
        }

        private void unique(Set<String> seen, String id, String ptr, String what) {
            if (!seen.add(id)) {
                problem(ptr, "duplicate " + what + " '" + id + "'", "give each " + what + " a unique name");
            }
        }

        private void checkUnique(JsonNode arr, String ptr, String what) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                unique(seen, arr.get(i).path("id").asText(), ptr + "/" + i + "/id", what);
            }
        }

        private interface ItemVisitor {
            void visit(JsonNode node, String pointer);
        }

        private static void eachItem(JsonNode arr, String ptr, ItemVisitor v) {
            for (int i = 0; i < arr.size(); i++) {
                v.visit(arr.get(i), ptr + "/" + i);
            }
        }

        private static Set<String> ids(JsonNode arr) {
            Set<String> out = new LinkedHashSet<>();
            arr.forEach(n -> out.add(n.path("id").asText()));
            return out;
        }

        private static Set<String> strings(JsonNode arr) {
            Set<String> out = new LinkedHashSet<>();
            arr.forEach(n -> out.add(n.asText()));
            return out;
        }

        private static List<String> listOf(JsonNode arr) {
            List<String> out = new ArrayList<>();
            arr.forEach(n -> out.add(n.asText()));
            return List.copyOf(out);
        }

        private static String textOrNull(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }
}
