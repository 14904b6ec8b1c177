/** Offline tax-ID normalisation, checksum validation and formatting (EU VAT, XI, CZ/SK/PL/SI national forms). */
export { normalizeTaxId, type NormalizedTaxId, type TaxIdOptions } from './normalize.ts';
export { validateTaxId, type TaxIdProblem, type TaxIdValidation } from './validate.ts';
export { formatTaxId, taxIdKey } from './format.ts';
export { taxIdCountries } from './countries.ts';
