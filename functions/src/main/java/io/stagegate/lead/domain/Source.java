package io.stagegate.lead.domain;

/** First-touch source details, kept as the lead arrived (later forms do not overwrite them). */
public record Source(String formType, String asset, String campaignType, String campaignName,
                     String utmSource, String utmMedium, String utmCampaign) {

    public static final Source EMPTY = new Source(null, null, null, null, null, null, null);

    /** The channel reports group by: the UTM source, else the campaign type, else the form. */
    public String channel() {
        if (utmSource != null) {
            return utmSource;
        }
        return campaignType != null ? campaignType : formType;
    }
}
