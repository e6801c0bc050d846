/**
 * VDS-NC names the issuing state with a Doc 9303-3 three-character code (hdr.is): letters A-Z,
 * shorter codes padded with the filler "<" ("D<<" is Germany, also written "D"). gatecheck's
 * country issuers are ISO 3166-1 alpha-2 (as the EU DCC names them), so one bundle issuer "AU"
 * covers a country's DCCs and seals alike. Doc 9303 codes beyond ISO 3166: "D" (Germany), "RKS"
 * (Kosovo) and the specimen state "UTO" (Utopia, C=UT in ICAO's specimen certificates). Codes
 * that name no state here (the UN's "UNO", "XXA" stateless, a state this table does not have)
 * are not mapped: normalise shows them as written.
 */
const PAIRS =
  'AFG AF ALA AX ALB AL DZA DZ ASM AS AND AD AGO AO AIA AI ATA AQ ATG AG ARG AR ARM AM ABW AW AUS AU AUT AT AZE AZ ' +
  'BHS BS BHR BH BGD BD BRB BB BLR BY BEL BE BLZ BZ BEN BJ BMU BM BTN BT BOL BO BES BQ BIH BA BWA BW BVT BV BRA BR ' +
  'IOT IO BRN BN BGR BG BFA BF BDI BI CPV CV KHM KH CMR CM CAN CA CYM KY CAF CF TCD TD CHL CL CHN CN CXR CX CCK CC ' +
  'COL CO COM KM COG CG COD CD COK CK CRI CR CIV CI HRV HR CUB CU CUW CW CYP CY CZE CZ DNK DK DJI DJ DMA DM DOM DO ' +
  'ECU EC EGY EG SLV SV GNQ GQ ERI ER EST EE SWZ SZ ETH ET FLK FK FRO FO FJI FJ FIN FI FRA FR GUF GF PYF PF ATF TF ' +
  'GAB GA GMB GM GEO GE DEU DE GHA GH GIB GI GRC GR GRL GL GRD GD GLP GP GUM GU GTM GT GGY GG GIN GN GNB GW GUY GY ' +
  'HTI HT HMD HM VAT VA HND HN HKG HK HUN HU ISL IS IND IN IDN ID IRN IR IRQ IQ IRL IE IMN IM ISR IL ITA IT JAM JM ' +
  'JPN JP JEY JE JOR JO KAZ KZ KEN KE KIR KI PRK KP KOR KR KWT KW KGZ KG LAO LA LVA LV LBN LB LSO LS LBR LR LBY LY ' +
  'LIE LI LTU LT LUX LU MAC MO MDG MG MWI MW MYS MY MDV MV MLI ML MLT MT MHL MH MTQ MQ MRT MR MUS MU MYT YT MEX MX ' +
  'FSM FM MDA MD MCO MC MNG MN MNE ME MSR MS MAR MA MOZ MZ MMR MM NAM NA NRU NR NPL NP NLD NL NCL NC NZL NZ NIC NI ' +
  'NER NE NGA NG NIU NU NFK NF MKD MK MNP MP NOR NO OMN OM PAK PK PLW PW PSE PS PAN PA PNG PG PRY PY PER PE PHL PH ' +
  'PCN PN POL PL PRT PT PRI PR QAT QA REU RE ROU RO RUS RU RWA RW BLM BL SHN SH KNA KN LCA LC MAF MF SPM PM VCT VC ' +
  'WSM WS SMR SM STP ST SAU SA SEN SN SRB RS SYC SC SLE SL SGP SG SXM SX SVK SK SVN SI SLB SB SOM SO ZAF ZA SGS GS ' +
  'SSD SS ESP ES LKA LK SDN SD SUR SR SJM SJ SWE SE CHE CH SYR SY TWN TW TJK TJ TZA TZ THA TH TLS TL TGO TG TKL TK ' +
  'TON TO TTO TT TUN TN TUR TR TKM TM TCA TC TUV TV UGA UG UKR UA ARE AE GBR GB USA US UMI UM URY UY UZB UZ VUT VU ' +
  'VEN VE VNM VN VGB VG VIR VI WLF WF ESH EH YEM YE ZMB ZM ZWE ZW RKS XK D DE UTO UT';

const ALPHA2 = new Map<string, string>();
{
  const t = PAIRS.split(' ');
  for (let i = 0; i + 1 < t.length; i += 2) ALPHA2.set(t[i]!, t[i + 1]!);
}

/** A Doc 9303 code: three characters, letters A-Z then the filler "<" ("D<<"), or the letters alone ("D"). */
export const DOC9303_CODE = /^(?:[A-Z]{3}|[A-Z]{2}<|[A-Z]<<|[A-Z]{1,2})$/;

/** The code without its filler ("D<<" -> "D"); undefined when it is no Doc 9303 code. */
export const unpadded = (code: string): string | undefined => (DOC9303_CODE.test(code) ? code.replace(/<+$/, '') : undefined);

/** "AUS" -> "AU", "D<<" and "D" -> "DE"; undefined for codes that name no state here (UNO, XXA, …) or no code at all. */
export const alpha2Of = (code: string): string | undefined => {
  const bare = unpadded(code);
  return bare === undefined ? undefined : ALPHA2.get(bare);
};
