/**
 * Default grid emission factor in kg CO₂-e per kWh imported: 0.68, approximately the Australian
 * national average scope 2 factor of the National Greenhouse Accounts Factors 2023.
 *
 * This is an assumption, not a measurement: factors differ widely by state (Tasmania and South Australia
 * are far lower, Victoria higher) and change every year, so pass `emissionFactor` to {@link summarize}
 * for the customer's state and year.
 */
export const DEFAULT_EMISSION_FACTOR = 0.68;
