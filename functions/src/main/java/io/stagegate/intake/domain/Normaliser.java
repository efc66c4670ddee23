package io.stagegate.intake.domain;

import io.stagegate.lead.domain.Company;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Partner;
import io.stagegate.lead.domain.Person;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.lead.domain.Source;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.Taxonomy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps what people type and click onto the taxonomy: job title → role, industry selection →
 * industry, asset / page path → topics and use case, framework names → ids. Unknown values are
 * kept as typed and flagged for the data-quality audit, never dropped.
 */
public final class Normaliser {

    private final LeadModel model;
    private final Map<String, String> industryByName = new HashMap<>();
    private final Map<String, String> useCaseByName = new HashMap<>();
    private final Map<String, String> frameworkByName = new HashMap<>();
    private final Map<String, Taxonomy.Asset> assetByName = new HashMap<>();
    private final Map<String, Boolean> roleTechnical = new HashMap<>();

    public Normaliser(LeadModel model) {
        this.model = model;
        Taxonomy t = model.taxonomy();
        t.industries().forEach(i -> {
            industryByName.put(key(i.id()), i.id());
            industryByName.put(key(i.name()), i.id());
            i.aliases().forEach(a -> industryByName.put(key(a), i.id()));
        });
        index(t.useCases(), useCaseByName);
        index(t.frameworks(), frameworkByName);
        t.assets().forEach(a -> {
            assetByName.put(key(a.id()), a);
            assetByName.put(key(a.name()), a);
        });
        t.roles().forEach(r -> roleTechnical.put(r.id(), r.technical()));
    }

    private static void index(List<Taxonomy.NamedItem> items, Map<String, String> into) {
        items.forEach(i -> {
            into.put(key(i.id()), i.id());
            into.put(key(i.name()), i.id());
            i.aliases().forEach(a -> into.put(key(a), i.id()));
        });
    }

    private static String key(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    public String industry(String selected) {
        return selected == null ? null : industryByName.get(key(selected));
    }

    public String useCase(String selected) {
        return selected == null ? null : useCaseByName.get(key(selected));
    }

    public String framework(String selected) {
        return selected == null ? null : frameworkByName.get(key(selected));
    }

    /** First role whose pattern matches the title; null when none does. */
    public String role(String jobTitle) {
        if (jobTitle == null || jobTitle.isBlank()) {
            return null;
        }
        for (Taxonomy.Role r : model.taxonomy().roles()) {
            for (Pattern p : r.titlePatterns()) {
                if (p.matcher(jobTitle).find()) {
                    return r.id();
                }
            }
        }
        return null;
    }

    public boolean isTechnicalRole(String role) {
        return role != null && roleTechnical.getOrDefault(role, false);
    }

    public String region(String country) {
        return country == null ? null : model.taxonomy().regionByCountry().get(country.trim().toUpperCase(Locale.ROOT));
    }

    public Taxonomy.Asset asset(String idOrName) {
        return idOrName == null ? null : assetByName.get(key(idOrName));
    }

    /** The configured page for the longest matching prefix, or null. */
    public Taxonomy.PagePath page(String path) {
        if (path == null) {
            return null;
        }
        String p = path.trim().toLowerCase(Locale.ROOT);
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        Taxonomy.PagePath best = null;
        for (Taxonomy.PagePath page : model.taxonomy().pages()) {
            if (p.startsWith(page.prefix()) && (best == null || page.prefix().length() > best.prefix().length())) {
                best = page;
            }
        }
        return best;
    }

    /** The motion a first form of this type (with this selected use case) puts a lead in. */
    public String motionFor(String formType, String useCase) {
        String ft = FormType.normalise(formType);
        for (LeadModel.MotionSelector s : model.motionsByForm()) {
            if (s.formType().equals(ft) && (s.useCase() == null || s.useCase().equals(useCase))) {
                return s.motion();
            }
        }
        return null;
    }

    /**
     * A signal from an asset or a page path. {@code mapped} is false when neither maps to the
     * taxonomy (kept, counted by type, reported by the data-quality audit).
     */
    public Signal signal(String signalId, SignalType type, String path, String asset, Instant occurredAt,
                         String formType) {
        Set<String> topics = new LinkedHashSet<>();
        String useCase = null;
        String framework = null;
        boolean mapped = true;
        Taxonomy.Asset a = asset(asset);
        if (asset != null) {
            if (a != null) {
                topics.addAll(a.topics());
                useCase = a.useCase();
            } else {
                mapped = false;
            }
        }
        if (path != null) {
            Taxonomy.PagePath page = page(path);
            if (page != null) {
                topics.addAll(page.topics());
                useCase = useCase != null ? useCase : page.useCase();
                if (page.frameworkFromPath()) {
                    String rest = path.trim().substring(Math.min(path.trim().length(), page.prefix().length()));
                    int slash = rest.indexOf('/');
                    framework = framework(slash >= 0 ? rest.substring(0, slash) : rest);
                }
            } else {
                mapped = false;
            }
        }
        return new Signal(signalId, type, occurredAt, FormType.normalise(formType),
                a != null ? a.id() : asset, path, topics, useCase, framework, mapped);
    }

    /** The form itself as a signal: a form submission about its asset, if any. */
    public Signal formSignal(Submission s) {
        return signal(s.submissionId(), SignalType.FORM_SUBMISSION, null, s.asset(), s.occurredAt(), s.formType());
    }

    /**
     * The lead after this submission: created in NEW_INBOUND on a first form, else updated. Later
     * values of person and company fields replace earlier ones; the source stays first-touch; the
     * motion is set by the first form that maps to one; partner attribution, once set, stays.
     */
    public Lead apply(Lead existing, Submission s, Instant now) {
        String email = LeadIds.normaliseEmail(s.email());
        Lead.Builder b = existing != null ? existing.toBuilder()
                : Lead.builder(LeadIds.fromEmail(email), email)
                        .stage(Stage.NEW_INBOUND)
                        .status(model.defaultStatus(Stage.NEW_INBOUND))
                        .createdAt(now)
                        .stageEnteredAt(now);
        Lead base = existing != null ? existing : b.build();

        String jobTitle = pick(s.jobTitle(), base.person().jobTitle());
        String role = role(jobTitle);
        b.person(new Person(pick(s.firstName(), base.person().firstName()), pick(s.lastName(), base.person().lastName()),
                jobTitle, pick(s.phone(), base.person().phone()), role));

        String industrySelected = pick(s.industry(), base.company().industrySelected());
        String country = pick(s.country() == null ? null : s.country().trim().toUpperCase(Locale.ROOT), base.company().country());
        b.company(new Company(pick(s.company(), base.company().name()), base.emailDomain(), industrySelected,
                industry(industrySelected), s.companySize() != null ? s.companySize() : base.company().size(),
                country, region(country)));

        String useCase = useCase(s.useCase());
        if (base.motion() == null) {
            String motion = motionFor(s.formType(), useCase);
            b.motion(motion != null ? motion : model.defaultMotion());
        }
        Taxonomy.Asset asset = asset(s.asset());
        b.addUseCase(useCase);
        if (asset != null) {
            b.addUseCase(asset.useCase());
        }
        for (String f : s.frameworks()) {
            b.addFramework(framework(f));
        }
        if (base.source().formType() == null) {
            b.source(new Source(FormType.normalise(s.formType()), asset != null ? asset.id() : s.asset(),
                    s.campaignType(), s.campaignName(), s.utmSource(), s.utmMedium(), s.utmCampaign()));
        }
        if (base.partner() == null && s.partnerId() != null && !s.partnerId().isBlank()) {
            b.partner(new Partner(s.partnerId().trim(), Boolean.TRUE.equals(s.partnerPrequalified())));
        }
        b.selection("deploymentType", s.deploymentType())
                .selection("environment", s.environment())
                .selection("consent", s.consent())
                .selection("useCase", useCase);

        Set<String> flags = new LinkedHashSet<>(base.dataQuality());
        flag(flags, DataQuality.MISSING_INDUSTRY, industrySelected == null || industrySelected.isBlank());
        flag(flags, DataQuality.UNMAPPED_INDUSTRY, industrySelected != null && !industrySelected.isBlank()
                && industry(industrySelected) == null);
        flag(flags, DataQuality.UNMAPPED_TITLE, jobTitle != null && !jobTitle.isBlank() && role == null);
        if (s.asset() != null && asset == null) {
            flags.add(DataQuality.UNMAPPED_ASSET);
        }
        if (s.useCase() != null && useCase == null) {
            flags.add(DataQuality.UNMAPPED_USE_CASE);
        }
        if (s.frameworks().stream().anyMatch(f -> framework(f) == null)) {
            flags.add(DataQuality.UNMAPPED_FRAMEWORK);
        }
        return b.dataQuality(flags).updatedAt(now).build();
    }

    private static void flag(Set<String> flags, String flag, boolean on) {
        if (on) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
    }

    private static String pick(String fresh, String previous) {
        return fresh != null && !fresh.isBlank() ? fresh.trim() : previous;
    }
}
