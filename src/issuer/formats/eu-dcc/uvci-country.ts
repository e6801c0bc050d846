/**
 * The country a UVCI names in its own country block (`01:DE:…`, `01DE/…`): revoking another
 * country's certificates is almost always a mistake, so `bundle revoke` counts them per country.
 */
export const uvciCountry = (canonicalId: string): string | undefined => /^01:?([A-Z]{2})(?![A-Z])/.exec(canonicalId)?.[1];
