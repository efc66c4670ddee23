package io.stagegate.lead.domain;

/**
 * The account: {@code industry} is the taxonomy id (null when the form value maps to none;
 * {@code industrySelected} keeps what was typed), {@code region} is derived from the country.
 */
public record Company(String name, String domain, String industrySelected, String industry,
                      Integer size, String country, String region) {

    public static final Company EMPTY = new Company(null, null, null, null, null, null, null);
}
