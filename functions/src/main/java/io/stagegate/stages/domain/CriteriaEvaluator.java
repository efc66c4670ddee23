package io.stagegate.stages.domain;

import io.stagegate.lead.domain.Signal;
import io.stagegate.model.domain.Criterion;
import io.stagegate.model.domain.LeadField;
import io.stagegate.model.domain.LeadModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Gives the declarative criteria of the lead model their meaning. Plain Java, no expression
 * language: each kind of criterion is a few lines, costs well under a microsecond and adds
 * nothing to a cold start.
 */
public final class CriteriaEvaluator {

    private final Map<String, Criterion> criteria;

    public CriteriaEvaluator(LeadModel model) {
        this.criteria = model.criteria();
    }

    /** Evaluates a named criterion (memoised in the context). */
    public boolean test(String name, EvaluationContext ctx) {
        Boolean known = ctx.named.get(name);
        if (known != null) {
            return known;
        }
        Criterion c = criteria.get(name);
        if (c == null) {
            // the loader rejects unknown names; reaching this is a programming error
            throw new IllegalArgumentException("unknown criterion " + name);
        }
        boolean result = test(c, ctx);
        ctx.named.put(name, result);
        return result;
    }

    public boolean test(Criterion c, EvaluationContext ctx) {
        if (c instanceof Criterion.Ref r) {
            return test(r.name(), ctx);
        }
        if (c instanceof Criterion.All a) {
            boolean ok = true;
            for (Criterion x : a.of()) {
                ok &= test(x, ctx); // no short-circuit: every named part is recorded
            }
            return ok;
        }
        if (c instanceof Criterion.Any a) {
            boolean ok = false;
            for (Criterion x : a.of()) {
                ok |= test(x, ctx);
            }
            return ok;
        }
        if (c instanceof Criterion.Not n) {
            return !test(n.of(), ctx);
        }
        if (c instanceof Criterion.FieldIn f) {
            return fieldIn(ctx.field(f.field()), f);
        }
        if (c instanceof Criterion.Threshold t) {
            Object v = ctx.field(t.field());
            if (!(v instanceof Number n)) {
                return false;
            }
            double d = n.doubleValue();
            return (t.atLeast() == null || d >= t.atLeast()) && (t.atMost() == null || d <= t.atMost());
        }
        if (c instanceof Criterion.Present p) {
            return ctx.isPresent(p.field());
        }
        if (c instanceof Criterion.FieldIs f) {
            Object v = ctx.field(f.field());
            boolean actual = v instanceof Boolean b ? b : v instanceof String s && Boolean.parseBoolean(s);
            return actual == f.value();
        }
        if (c instanceof Criterion.SignalCount s) {
            return countSignals(s, ctx) >= s.atLeast();
        }
        if (c instanceof Criterion.Fact f) {
            return fact(ctx.facts().get(f.fact()), f.check());
        }
        if (c instanceof Criterion.Contacts k) {
            int n = 0;
            for (Contact contact : ctx.contacts()) {
                boolean roleOk = k.roles().isEmpty() || k.roles().contains(contact.role());
                boolean kindOk = k.technical() == null || ctx.normaliser().isTechnicalRole(contact.role()) == k.technical();
                if (roleOk && kindOk && contact.role() != null) {
                    n++;
                }
            }
            return n >= k.atLeast();
        }
        throw new IllegalStateException("unhandled criterion " + c);
    }

    private static boolean fieldIn(Object v, Criterion.FieldIn f) {
        if (v == null) {
            return false;
        }
        if (v instanceof Collection<?> values) {
            for (Object x : values) {
                if (f.values().contains(String.valueOf(x))) {
                    return true;
                }
            }
            return false;
        }
        if (f.field() == LeadField.COUNTRY) {
            return f.values().contains(String.valueOf(v).toUpperCase(Locale.ROOT));
        }
        return f.values().contains(String.valueOf(v));
    }

    /** Signals within the window that match every non-empty filter. */
    public static int countSignals(Criterion.SignalCount s, EvaluationContext ctx) {
        Instant since = ctx.now().minus(Duration.ofDays(s.withinDays()));
        int n = 0;
        for (Signal sig : ctx.signals()) {
            if (sig.occurredAt() == null || sig.occurredAt().isBefore(since) || sig.occurredAt().isAfter(ctx.now())) {
                continue;
            }
            if (!s.types().isEmpty() && !s.types().contains(sig.type())) {
                continue;
            }
            if (!s.useCases().isEmpty() && !s.useCases().contains(sig.useCase())) {
                continue;
            }
            if (!s.topics().isEmpty() && !intersects(s.topics(), sig.topics())) {
                continue;
            }
            n++;
        }
        return n;
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        for (String x : b) {
            if (a.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fact(Object v, Criterion.FactCheck check) {
        return switch (check) {
            case PRESENT -> v != null && !(v instanceof String s && s.isBlank());
            case TRUE -> Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
            case NON_EMPTY -> v instanceof Collection<?> c ? !c.isEmpty()
                    : v instanceof String s ? !s.isBlank() : v != null && !(v instanceof Boolean);
        };
    }
}
