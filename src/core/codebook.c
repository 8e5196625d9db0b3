/*
 * codebook.c — the tables behind codebook.h: one static table per dimension,
 * filled from shared/reference (HTCDS v2.0 enumerations, the CTDC codebook,
 * UNODC ICCS, Peru's Penal Code, NCPP stages, INEI UBIGEO, ISO 3166/4217).
 *
 * External names (htcds, ctdc) may repeat inside a dimension when several of
 * our finer codes export to one coarser value; lookups by external name then
 * return the first entry in table order, so each table lists the entry an
 * import should land on before its finer siblings.
 */
#include "core/codebook.h"

#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Full entry: code, es, en, htcds, ctdc, iccs, extra, rank. */
#define E(code, es, en, htcds, ctdc, iccs, extra, rank) \
	{ code, es, en, htcds, ctdc, iccs, extra, rank }
/* Entry with labels only. */
#define L(code, es, en) { code, es, en, NULL, NULL, NULL, NULL, 0 }

/* ==================================================================== */
/* Users and offices                                                     */
/* ==================================================================== */

/* Same order as enum role (model.h): policy_role_name relies on it. */
static const struct cb_entry cb_user_role[] = {
	L("admin", "Administrador/a del sistema", "System administrator"),
	L("prosecutor", "Fiscal", "Prosecutor"),
	L("police", "Policía", "Police officer"),
	L("analyst", "Analista (Observatorio)", "Analyst (observatory)"),
	L("auditor", "Auditor/a", "Auditor"),
	L("liaison", "Enlace de cooperación internacional", "International cooperation liaison"),
};

static const struct cb_entry cb_office_kind[] = {
	/* the Ministerio Público's own name and acronym (peru.md §1.2) */
	L("specialised_prosecutor",
	  "Fiscalía Provincial Especializada en Delitos de Trata de Personas (FISTRAP)",
	  "Provincial prosecutor's office specialised in trafficking in persons (FISTRAP)"),
	L("provincial_prosecutor", "Fiscalía provincial penal", "Provincial criminal prosecutor's office"),
	E("police_unit", "Unidad policial (DIRCTPTIM, comisaría)", "Police unit (DIRCTPTIM, police station)",
	  "LawEnforcement", NULL, NULL, NULL, 0),
	L("observatory", "Observatorio de la Criminalidad", "Crime observatory"),
	L("international_cooperation",
	  "Unidad de Cooperación Judicial Internacional y Extradiciones (UCJIE)",
	  "International Judicial Cooperation and Extradition Unit (UCJIE)"),
	L("other", "Otra", "Other"),
};

/* ==================================================================== */
/* Places                                                                */
/* ==================================================================== */

/* Distritos fiscales of the Ministerio Público (peru.md §1.2, §2.3);
 * extra = INEI department of the district's seat. "lima" is the district
 * renamed Lima Centro; published series before the rename say "Lima". */
#define DF(code, name, dept) { code, name, name, NULL, NULL, NULL, dept, 0 }
static const struct cb_entry cb_distrito_fiscal[] = {
	DF("amazonas", "Amazonas", "01"),
	DF("ancash", "Áncash", "02"),
	DF("apurimac", "Apurímac", "03"),
	DF("arequipa", "Arequipa", "04"),
	DF("ayacucho", "Ayacucho", "05"),
	DF("cajamarca", "Cajamarca", "06"),
	DF("callao", "Callao", "07"),
	DF("canete", "Cañete", "15"),
	DF("cusco", "Cusco", "08"),
	DF("huancavelica", "Huancavelica", "09"),
	DF("huanuco", "Huánuco", "10"),
	DF("huaura", "Huaura", "15"),
	DF("ica", "Ica", "11"),
	DF("junin", "Junín", "12"),
	DF("la_libertad", "La Libertad", "13"),
	DF("lambayeque", "Lambayeque", "14"),
	DF("lima", "Lima (Lima Centro)", "15"),
	DF("lima_este", "Lima Este", "15"),
	DF("lima_noroeste", "Lima Noroeste (Ventanilla)", "07"),
	DF("lima_norte", "Lima Norte", "15"),
	DF("lima_sur", "Lima Sur", "15"),
	DF("loreto", "Loreto", "16"),
	DF("madre_de_dios", "Madre de Dios", "17"),
	DF("moquegua", "Moquegua", "18"),
	DF("pasco", "Pasco", "19"),
	DF("piura", "Piura", "20"),
	DF("puno", "Puno", "21"),
	DF("san_martin", "San Martín", "22"),
	DF("santa", "Del Santa", "02"),
	DF("selva_central", "Selva Central", "12"),
	DF("sullana", "Sullana", "20"),
	DF("tacna", "Tacna", "23"),
	DF("tumbes", "Tumbes", "24"),
	DF("ucayali", "Ucayali", "25"),
};

/* INEI UBIGEO departments (never RENIEC's numbering); extra = ISO 3166-2. */
#define DEP(code, name, iso) { code, name, name, NULL, NULL, NULL, iso, 0 }
static const struct cb_entry cb_department[] = {
	DEP("01", "Amazonas", "PE-AMA"),
	DEP("02", "Áncash", "PE-ANC"),
	DEP("03", "Apurímac", "PE-APU"),
	DEP("04", "Arequipa", "PE-ARE"),
	DEP("05", "Ayacucho", "PE-AYA"),
	DEP("06", "Cajamarca", "PE-CAJ"),
	DEP("07", "Callao", "PE-CAL"),
	DEP("08", "Cusco", "PE-CUS"),
	DEP("09", "Huancavelica", "PE-HUV"),
	DEP("10", "Huánuco", "PE-HUC"),
	DEP("11", "Ica", "PE-ICA"),
	DEP("12", "Junín", "PE-JUN"),
	DEP("13", "La Libertad", "PE-LAL"),
	DEP("14", "Lambayeque", "PE-LAM"),
	DEP("15", "Lima", "PE-LIM"),
	DEP("16", "Loreto", "PE-LOR"),
	DEP("17", "Madre de Dios", "PE-MDD"),
	DEP("18", "Moquegua", "PE-MOQ"),
	DEP("19", "Pasco", "PE-PAS"),
	DEP("20", "Piura", "PE-PIU"),
	DEP("21", "Puno", "PE-PUN"),
	DEP("22", "San Martín", "PE-SAM"),
	DEP("23", "Tacna", "PE-TAC"),
	DEP("24", "Tumbes", "PE-TUM"),
	DEP("25", "Ucayali", "PE-UCA"),
};

/* ISO 3166-1 alpha-2, every officially assigned code, sorted by code (the
 * lookup is a binary search). HTCDS and CTDC both use alpha-2. */
#define C(code, es, en) { code, es, en, code, code, NULL, NULL, 0 }
static const struct cb_entry cb_country[] = {
	C("AD", "Andorra", "Andorra"),
	C("AE", "Emiratos Árabes Unidos", "United Arab Emirates"),
	C("AF", "Afganistán", "Afghanistan"),
	C("AG", "Antigua y Barbuda", "Antigua and Barbuda"),
	C("AI", "Anguila", "Anguilla"),
	C("AL", "Albania", "Albania"),
	C("AM", "Armenia", "Armenia"),
	C("AO", "Angola", "Angola"),
	C("AQ", "Antártida", "Antarctica"),
	C("AR", "Argentina", "Argentina"),
	C("AS", "Samoa Americana", "American Samoa"),
	C("AT", "Austria", "Austria"),
	C("AU", "Australia", "Australia"),
	C("AW", "Aruba", "Aruba"),
	C("AX", "Islas Åland", "Åland Islands"),
	C("AZ", "Azerbaiyán", "Azerbaijan"),
	C("BA", "Bosnia y Herzegovina", "Bosnia and Herzegovina"),
	C("BB", "Barbados", "Barbados"),
	C("BD", "Bangladés", "Bangladesh"),
	C("BE", "Bélgica", "Belgium"),
	C("BF", "Burkina Faso", "Burkina Faso"),
	C("BG", "Bulgaria", "Bulgaria"),
	C("BH", "Baréin", "Bahrain"),
	C("BI", "Burundi", "Burundi"),
	C("BJ", "Benín", "Benin"),
	C("BL", "San Bartolomé", "Saint Barthélemy"),
	C("BM", "Bermudas", "Bermuda"),
	C("BN", "Brunéi", "Brunei Darussalam"),
	C("BO", "Bolivia", "Bolivia"),
	C("BQ", "Bonaire, San Eustaquio y Saba", "Bonaire, Sint Eustatius and Saba"),
	C("BR", "Brasil", "Brazil"),
	C("BS", "Bahamas", "Bahamas"),
	C("BT", "Bután", "Bhutan"),
	C("BV", "Isla Bouvet", "Bouvet Island"),
	C("BW", "Botsuana", "Botswana"),
	C("BY", "Bielorrusia", "Belarus"),
	C("BZ", "Belice", "Belize"),
	C("CA", "Canadá", "Canada"),
	C("CC", "Islas Cocos (Keeling)", "Cocos (Keeling) Islands"),
	C("CD", "República Democrática del Congo", "Congo, Democratic Republic of the"),
	C("CF", "República Centroafricana", "Central African Republic"),
	C("CG", "Congo", "Congo"),
	C("CH", "Suiza", "Switzerland"),
	C("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
	C("CK", "Islas Cook", "Cook Islands"),
	C("CL", "Chile", "Chile"),
	C("CM", "Camerún", "Cameroon"),
	C("CN", "China", "China"),
	C("CO", "Colombia", "Colombia"),
	C("CR", "Costa Rica", "Costa Rica"),
	C("CU", "Cuba", "Cuba"),
	C("CV", "Cabo Verde", "Cabo Verde"),
	C("CW", "Curazao", "Curaçao"),
	C("CX", "Isla de Navidad", "Christmas Island"),
	C("CY", "Chipre", "Cyprus"),
	C("CZ", "Chequia", "Czechia"),
	C("DE", "Alemania", "Germany"),
	C("DJ", "Yibuti", "Djibouti"),
	C("DK", "Dinamarca", "Denmark"),
	C("DM", "Dominica", "Dominica"),
	C("DO", "República Dominicana", "Dominican Republic"),
	C("DZ", "Argelia", "Algeria"),
	C("EC", "Ecuador", "Ecuador"),
	C("EE", "Estonia", "Estonia"),
	C("EG", "Egipto", "Egypt"),
	C("EH", "Sahara Occidental", "Western Sahara"),
	C("ER", "Eritrea", "Eritrea"),
	C("ES", "España", "Spain"),
	C("ET", "Etiopía", "Ethiopia"),
	C("FI", "Finlandia", "Finland"),
	C("FJ", "Fiyi", "Fiji"),
	C("FK", "Islas Malvinas (Falkland)", "Falkland Islands (Malvinas)"),
	C("FM", "Micronesia", "Micronesia"),
	C("FO", "Islas Feroe", "Faroe Islands"),
	C("FR", "Francia", "France"),
	C("GA", "Gabón", "Gabon"),
	C("GB", "Reino Unido", "United Kingdom"),
	C("GD", "Granada", "Grenada"),
	C("GE", "Georgia", "Georgia"),
	C("GF", "Guayana Francesa", "French Guiana"),
	C("GG", "Guernsey", "Guernsey"),
	C("GH", "Ghana", "Ghana"),
	C("GI", "Gibraltar", "Gibraltar"),
	C("GL", "Groenlandia", "Greenland"),
	C("GM", "Gambia", "Gambia"),
	C("GN", "Guinea", "Guinea"),
	C("GP", "Guadalupe", "Guadeloupe"),
	C("GQ", "Guinea Ecuatorial", "Equatorial Guinea"),
	C("GR", "Grecia", "Greece"),
	C("GS", "Islas Georgias del Sur y Sandwich del Sur", "South Georgia and the South Sandwich Islands"),
	C("GT", "Guatemala", "Guatemala"),
	C("GU", "Guam", "Guam"),
	C("GW", "Guinea-Bisáu", "Guinea-Bissau"),
	C("GY", "Guyana", "Guyana"),
	C("HK", "Hong Kong", "Hong Kong"),
	C("HM", "Islas Heard y McDonald", "Heard Island and McDonald Islands"),
	C("HN", "Honduras", "Honduras"),
	C("HR", "Croacia", "Croatia"),
	C("HT", "Haití", "Haiti"),
	C("HU", "Hungría", "Hungary"),
	C("ID", "Indonesia", "Indonesia"),
	C("IE", "Irlanda", "Ireland"),
	C("IL", "Israel", "Israel"),
	C("IM", "Isla de Man", "Isle of Man"),
	C("IN", "India", "India"),
	C("IO", "Territorio Británico del Océano Índico", "British Indian Ocean Territory"),
	C("IQ", "Irak", "Iraq"),
	C("IR", "Irán", "Iran"),
	C("IS", "Islandia", "Iceland"),
	C("IT", "Italia", "Italy"),
	C("JE", "Jersey", "Jersey"),
	C("JM", "Jamaica", "Jamaica"),
	C("JO", "Jordania", "Jordan"),
	C("JP", "Japón", "Japan"),
	C("KE", "Kenia", "Kenya"),
	C("KG", "Kirguistán", "Kyrgyzstan"),
	C("KH", "Camboya", "Cambodia"),
	C("KI", "Kiribati", "Kiribati"),
	C("KM", "Comoras", "Comoros"),
	C("KN", "San Cristóbal y Nieves", "Saint Kitts and Nevis"),
	C("KP", "Corea del Norte", "North Korea"),
	C("KR", "Corea del Sur", "South Korea"),
	C("KW", "Kuwait", "Kuwait"),
	C("KY", "Islas Caimán", "Cayman Islands"),
	C("KZ", "Kazajistán", "Kazakhstan"),
	C("LA", "Laos", "Lao People's Democratic Republic"),
	C("LB", "Líbano", "Lebanon"),
	C("LC", "Santa Lucía", "Saint Lucia"),
	C("LI", "Liechtenstein", "Liechtenstein"),
	C("LK", "Sri Lanka", "Sri Lanka"),
	C("LR", "Liberia", "Liberia"),
	C("LS", "Lesoto", "Lesotho"),
	C("LT", "Lituania", "Lithuania"),
	C("LU", "Luxemburgo", "Luxembourg"),
	C("LV", "Letonia", "Latvia"),
	C("LY", "Libia", "Libya"),
	C("MA", "Marruecos", "Morocco"),
	C("MC", "Mónaco", "Monaco"),
	C("MD", "Moldavia", "Moldova"),
	C("ME", "Montenegro", "Montenegro"),
	C("MF", "San Martín (parte francesa)", "Saint Martin (French part)"),
	C("MG", "Madagascar", "Madagascar"),
	C("MH", "Islas Marshall", "Marshall Islands"),
	C("MK", "Macedonia del Norte", "North Macedonia"),
	C("ML", "Malí", "Mali"),
	C("MM", "Myanmar", "Myanmar"),
	C("MN", "Mongolia", "Mongolia"),
	C("MO", "Macao", "Macao"),
	C("MP", "Islas Marianas del Norte", "Northern Mariana Islands"),
	C("MQ", "Martinica", "Martinique"),
	C("MR", "Mauritania", "Mauritania"),
	C("MS", "Montserrat", "Montserrat"),
	C("MT", "Malta", "Malta"),
	C("MU", "Mauricio", "Mauritius"),
	C("MV", "Maldivas", "Maldives"),
	C("MW", "Malaui", "Malawi"),
	C("MX", "México", "Mexico"),
	C("MY", "Malasia", "Malaysia"),
	C("MZ", "Mozambique", "Mozambique"),
	C("NA", "Namibia", "Namibia"),
	C("NC", "Nueva Caledonia", "New Caledonia"),
	C("NE", "Níger", "Niger"),
	C("NF", "Isla Norfolk", "Norfolk Island"),
	C("NG", "Nigeria", "Nigeria"),
	C("NI", "Nicaragua", "Nicaragua"),
	C("NL", "Países Bajos", "Netherlands"),
	C("NO", "Noruega", "Norway"),
	C("NP", "Nepal", "Nepal"),
	C("NR", "Nauru", "Nauru"),
	C("NU", "Niue", "Niue"),
	C("NZ", "Nueva Zelanda", "New Zealand"),
	C("OM", "Omán", "Oman"),
	C("PA", "Panamá", "Panama"),
	C("PE", "Perú", "Peru"),
	C("PF", "Polinesia Francesa", "French Polynesia"),
	C("PG", "Papúa Nueva Guinea", "Papua New Guinea"),
	C("PH", "Filipinas", "Philippines"),
	C("PK", "Pakistán", "Pakistan"),
	C("PL", "Polonia", "Poland"),
	C("PM", "San Pedro y Miquelón", "Saint Pierre and Miquelon"),
	C("PN", "Islas Pitcairn", "Pitcairn"),
	C("PR", "Puerto Rico", "Puerto Rico"),
	C("PS", "Palestina", "Palestine, State of"),
	C("PT", "Portugal", "Portugal"),
	C("PW", "Palaos", "Palau"),
	C("PY", "Paraguay", "Paraguay"),
	C("QA", "Catar", "Qatar"),
	C("RE", "Reunión", "Réunion"),
	C("RO", "Rumania", "Romania"),
	C("RS", "Serbia", "Serbia"),
	C("RU", "Rusia", "Russian Federation"),
	C("RW", "Ruanda", "Rwanda"),
	C("SA", "Arabia Saudita", "Saudi Arabia"),
	C("SB", "Islas Salomón", "Solomon Islands"),
	C("SC", "Seychelles", "Seychelles"),
	C("SD", "Sudán", "Sudan"),
	C("SE", "Suecia", "Sweden"),
	C("SG", "Singapur", "Singapore"),
	C("SH", "Santa Elena, Ascensión y Tristán de Acuña", "Saint Helena, Ascension and Tristan da Cunha"),
	C("SI", "Eslovenia", "Slovenia"),
	C("SJ", "Svalbard y Jan Mayen", "Svalbard and Jan Mayen"),
	C("SK", "Eslovaquia", "Slovakia"),
	C("SL", "Sierra Leona", "Sierra Leone"),
	C("SM", "San Marino", "San Marino"),
	C("SN", "Senegal", "Senegal"),
	C("SO", "Somalia", "Somalia"),
	C("SR", "Surinam", "Suriname"),
	C("SS", "Sudán del Sur", "South Sudan"),
	C("ST", "Santo Tomé y Príncipe", "Sao Tome and Principe"),
	C("SV", "El Salvador", "El Salvador"),
	C("SX", "San Martín (parte neerlandesa)", "Sint Maarten (Dutch part)"),
	C("SY", "Siria", "Syrian Arab Republic"),
	C("SZ", "Esuatini", "Eswatini"),
	C("TC", "Islas Turcas y Caicos", "Turks and Caicos Islands"),
	C("TD", "Chad", "Chad"),
	C("TF", "Territorios Australes Franceses", "French Southern Territories"),
	C("TG", "Togo", "Togo"),
	C("TH", "Tailandia", "Thailand"),
	C("TJ", "Tayikistán", "Tajikistan"),
	C("TK", "Tokelau", "Tokelau"),
	C("TL", "Timor Oriental", "Timor-Leste"),
	C("TM", "Turkmenistán", "Turkmenistan"),
	C("TN", "Túnez", "Tunisia"),
	C("TO", "Tonga", "Tonga"),
	C("TR", "Turquía", "Türkiye"),
	C("TT", "Trinidad y Tobago", "Trinidad and Tobago"),
	C("TV", "Tuvalu", "Tuvalu"),
	C("TW", "Taiwán", "Taiwan"),
	C("TZ", "Tanzania", "Tanzania"),
	C("UA", "Ucrania", "Ukraine"),
	C("UG", "Uganda", "Uganda"),
	C("UM", "Islas Ultramarinas Menores de los Estados Unidos", "United States Minor Outlying Islands"),
	C("US", "Estados Unidos", "United States of America"),
	C("UY", "Uruguay", "Uruguay"),
	C("UZ", "Uzbekistán", "Uzbekistan"),
	C("VA", "Santa Sede", "Holy See"),
	C("VC", "San Vicente y las Granadinas", "Saint Vincent and the Grenadines"),
	C("VE", "Venezuela", "Venezuela"),
	C("VG", "Islas Vírgenes Británicas", "Virgin Islands (British)"),
	C("VI", "Islas Vírgenes de los Estados Unidos", "Virgin Islands (U.S.)"),
	C("VN", "Vietnam", "Viet Nam"),
	C("VU", "Vanuatu", "Vanuatu"),
	C("WF", "Wallis y Futuna", "Wallis and Futuna"),
	C("WS", "Samoa", "Samoa"),
	C("YE", "Yemen", "Yemen"),
	C("YT", "Mayotte", "Mayotte"),
	C("ZA", "Sudáfrica", "South Africa"),
	C("ZM", "Zambia", "Zambia"),
	C("ZW", "Zimbabue", "Zimbabwe"),
};

/* ISO 4217; the currencies of Peru's neighbours and main partners. */
static const struct cb_entry cb_currency[] = {
	L("PEN", "Sol peruano", "Peruvian sol"),
	L("USD", "Dólar estadounidense", "US dollar"),
	L("EUR", "Euro", "Euro"),
	L("BOB", "Boliviano", "Boliviano"),
	L("COP", "Peso colombiano", "Colombian peso"),
	L("CLP", "Peso chileno", "Chilean peso"),
	L("BRL", "Real brasileño", "Brazilian real"),
	L("ARS", "Peso argentino", "Argentine peso"),
	L("VES", "Bolívar venezolano", "Venezuelan bolívar"),
	L("PYG", "Guaraní paraguayo", "Paraguayan guaraní"),
	L("UYU", "Peso uruguayo", "Uruguayan peso"),
	L("MXN", "Peso mexicano", "Mexican peso"),
	L("DOP", "Peso dominicano", "Dominican peso"),
	L("CAD", "Dólar canadiense", "Canadian dollar"),
	L("GBP", "Libra esterlina", "Pound sterling"),
	L("CHF", "Franco suizo", "Swiss franc"),
	L("CNY", "Yuan chino", "Chinese yuan"),
	L("JPY", "Yen japonés", "Japanese yen"),
};

/* ==================================================================== */
/* The case                                                              */
/* ==================================================================== */

static const struct cb_entry cb_complaint_source[] = {
	L("police_report", "Informe o atestado policial", "Police report"),
	L("citizen", "Denuncia de un tercero (ciudadano)", "Complaint by a third party (citizen)"),
	L("victim", "Denuncia de la víctima", "Complaint by the victim"),
	L("hotline", "Línea 1818 u otra línea de denuncia", "Hotline (Línea 1818 or other)"),
	L("ex_officio", "De oficio (operativo o intervención)", "Ex officio (operation or intervention)"),
	L("other_office", "Derivación de otra fiscalía", "Referral from another prosecutor's office"),
	L("abroad", "Comunicación de una autoridad extranjera", "Notice from a foreign authority"),
	L("ngo", "ONG o sociedad civil", "NGO or civil society"),
	L("media", "Medios de comunicación o redes", "Media or social media"),
};

/* Penal Code (peru.md §2.1; labels as in the Ministerio Público's own
 * open data). extra = "current" (Título I-A, Ley 31146 of 2021) or "old"
 * (the numbering before it). ICCS: 0204 trafficking, 02041 for sexual
 * exploitation, 0302 sexual exploitation, 030221 child pornography,
 * 0203 slavery and forced labour. */
#define CP(code, art, es, en, iccs, when) \
	{ code, "Art. " art " " es, "Art. " art " " en, NULL, NULL, iccs, when, 0 }
static const struct cb_entry cb_offence[] = {
	CP("cp_129a", "129-A", "Trata de personas", "Trafficking in persons", "0204", "current"),
	CP("cp_129b", "129-B", "Formas agravadas de la trata de personas",
	   "Aggravated trafficking in persons", "0204", "current"),
	CP("cp_129c", "129-C", "Explotación sexual", "Sexual exploitation", "0302", "current"),
	CP("cp_129d", "129-D", "Promoción o favorecimiento de la explotación sexual",
	   "Promoting or facilitating sexual exploitation", "0302", "current"),
	CP("cp_129e", "129-E", "Cliente de la explotación sexual",
	   "Client of sexual exploitation", "0302", "current"),
	CP("cp_129f", "129-F", "Beneficio por explotación sexual",
	   "Profiting from sexual exploitation", "0302", "current"),
	CP("cp_129g", "129-G", "Gestión de la explotación sexual",
	   "Managing sexual exploitation", "0302", "current"),
	CP("cp_129h", "129-H", "Explotación sexual de niñas, niños y adolescentes",
	   "Sexual exploitation of children and adolescents", "0302", "current"),
	CP("cp_129i", "129-I", "Promoción y favorecimiento de la explotación sexual de niñas, niños y adolescentes",
	   "Promoting or facilitating sexual exploitation of children and adolescents", "0302", "current"),
	CP("cp_129j", "129-J", "Cliente del adolescente", "Client of an adolescent", "0302", "current"),
	CP("cp_129k", "129-K", "Beneficio de la explotación sexual de niñas, niños y adolescentes",
	   "Profiting from sexual exploitation of children and adolescents", "0302", "current"),
	CP("cp_129l", "129-L", "Gestión de la explotación sexual de niñas, niños y adolescentes",
	   "Managing sexual exploitation of children and adolescents", "0302", "current"),
	CP("cp_129m", "129-M", "Pornografía infantil", "Child sexual abuse material", "030221", "current"),
	CP("cp_129n", "129-N", "Publicación en los medios de comunicación sobre delitos de libertad sexual contra niñas, niños y adolescentes",
	   "Publishing in the media about sexual offences against children and adolescents", NULL, "current"),
	CP("cp_129nn", "129-Ñ", "Esclavitud y otras formas de explotación",
	   "Slavery and other forms of exploitation", "0203", "current"),
	CP("cp_129o", "129-O", "Trabajo forzoso", "Forced labour", "0203", "current"),
	CP("cp_153", "153", "Trata de personas", "Trafficking in persons", "0204", "old"),
	CP("cp_153a", "153-A", "Formas agravadas de la trata de personas",
	   "Aggravated trafficking in persons", "0204", "old"),
	CP("cp_153b", "153-B", "Explotación sexual", "Sexual exploitation", "0302", "old"),
	CP("cp_153c", "153-C", "Esclavitud y otras formas de explotación",
	   "Slavery and other forms of exploitation", "0203", "old"),
	CP("cp_153d", "153-D", "Promoción o favorecimiento de la explotación sexual",
	   "Promoting or facilitating sexual exploitation", "0302", "old"),
	CP("cp_153e", "153-E", "Cliente de la explotación sexual",
	   "Client of sexual exploitation", "0302", "old"),
	CP("cp_153f", "153-F", "Beneficio por explotación sexual",
	   "Profiting from sexual exploitation", "0302", "old"),
	CP("cp_153g", "153-G", "Gestión de la explotación sexual",
	   "Managing sexual exploitation", "0302", "old"),
	CP("cp_153h", "153-H", "Explotación sexual de niñas, niños y adolescentes",
	   "Sexual exploitation of children and adolescents", "0302", "old"),
	CP("cp_153i", "153-I", "Beneficio de la explotación sexual de niñas, niños y adolescentes",
	   "Profiting from sexual exploitation of children and adolescents", "0302", "old"),
	CP("cp_153j", "153-J", "Gestión de la explotación sexual de niñas, niños y adolescentes",
	   "Managing sexual exploitation of children and adolescents", "0302", "old"),
	CP("cp_168b", "168-B", "Trabajo forzoso", "Forced labour", "0203", "old"),
};

/* Offences that travel with trafficking in the same file (peru.md §2.1,
 * §4.1); ICCS codes from standards.md §3.2 where one is listed. Only
 * offences outside the Título I-A: sexual exploitation of children,
 * child pornography and forced labour are articles of it (129-H, 129-M,
 * 129-O) and were listed here too, so one case could hold the same crime
 * twice; migration 0016 moved them to the case's offences. */
static const struct cb_entry cb_related_offence[] = {
	E("organised_crime", "Organización criminal (art. 317, Ley 30077)",
	  "Criminal organisation (art. 317, Law 30077)", NULL, NULL, "09051", NULL, 0),
	E("money_laundering", "Lavado de activos (D. Leg. 1106)", "Money laundering (Leg. Decree 1106)",
	  NULL, NULL, "07041", NULL, 0),
	E("corruption_of_officials", "Corrupción de funcionarios (arts. 393-401)",
	  "Corruption of public officials (arts. 393-401)", NULL, NULL, "0703", NULL, 0),
	E("migrant_smuggling", "Tráfico ilícito de migrantes (arts. 303-A, 303-B)",
	  "Smuggling of migrants (arts. 303-A, 303-B)", NULL, NULL, "08051", NULL, 0),
	L("illegal_mining", "Minería ilegal (art. 307-A)", "Illegal mining (art. 307-A)"),
	E("pimping", "Proxenetismo y rufianismo (arts. 179-181)", "Pimping (arts. 179-181)",
	  NULL, NULL, "0302", NULL, 0),
	E("document_forgery", "Falsificación de documentos (art. 427)", "Document forgery (art. 427)",
	  NULL, NULL, "07023", NULL, 0),
	E("kidnapping", "Secuestro (art. 152)", "Kidnapping (art. 152)", NULL, NULL, "020221", NULL, 0),
	L("other", "Otro delito", "Other offence"),
};

/* ==================================================================== */
/* Persons                                                               */
/* ==================================================================== */

static const struct cb_entry cb_person_role[] = {
	L("victim", "Víctima", "Victim"),
	L("suspect", "Investigado/a", "Suspect"),
	L("witness", "Testigo", "Witness"),
	L("complainant", "Denunciante", "Complainant"),
};

/* HTCDS GENDER; CTDC gender. CTDC has one value for transgender and
 * non-conforming persons: an import lands on non_conforming, listed first. */
static const struct cb_entry cb_sex[] = {
	E("female", "Femenino", "Female", "Feminine", "Female", NULL, NULL, 0),
	E("male", "Masculino", "Male", "Masculine", "Male", NULL, NULL, 0),
	E("non_conforming", "No conforme", "Non-conforming", "NonConforming",
	  "Transgender/NonConforming", NULL, NULL, 0),
	E("transgender_female", "Transgénero femenino", "Transgender female", "TransgenderFeminine",
	  "Transgender/NonConforming", NULL, NULL, 0),
	E("transgender_male", "Transgénero masculino", "Transgender male", "TransgenderMasculine",
	  "Transgender/NonConforming", NULL, NULL, 0),
	E("unknown", "No especificado o desconocido", "Not specified or unknown", "NonSpecifiedUnknown",
	  "Unknown", NULL, NULL, 0),
};

static const struct cb_entry cb_doc_type[] = {
	L("dni", "DNI", "National identity card (DNI)"),
	L("ce", "Carné de extranjería", "Foreigner's card (CE)"),
	L("passport", "Pasaporte", "Passport"),
	L("ptp_cpp", "Permiso temporal de permanencia (PTP/CPP)", "Temporary stay permit (PTP/CPP)"),
	L("foreign_id", "Documento de identidad extranjero", "Foreign identity document"),
	L("none", "Sin documento", "No document"),
};

/* ==================================================================== */
/* The victim's experience                                               */
/* ==================================================================== */

/* Purposes of 129-A(2); HTCDS EXPLOITATION; CTDC is* flags; ICCS 0204x.
 * Entries without a CTDC name export as isOtherExploit. Slavery and
 * servitude share ICCS 02042 with forced labour: the Palermo Protocol
 * (art. 3) and UNODC's GLOTIP group "forced labour or services, slavery or
 * practices similar to slavery, servitude" as one purpose, and CTDC has one
 * flag for both (isSlaveryAndPractices); slavery under 02044 split that
 * flag across two ICCS codes. */
static const struct cb_entry cb_exploitation[] = {
	E("sexual_exploitation", "Explotación sexual", "Sexual exploitation",
	  "SexualExploitation", "isSexualExploit", "02041", NULL, 0),
	E("forced_labour", "Trabajo o servicios forzosos, explotación laboral", "Forced labour or services",
	  "ForcedLabour", "isForcedLabour", "02042", NULL, 0),
	E("slavery", "Esclavitud o prácticas análogas", "Slavery or similar practices",
	  NULL, "isSlaveryAndPractices", "02042", NULL, 0),
	E("servitude", "Servidumbre", "Servitude",
	  "Servitude", "isSlaveryAndPractices", "02042", NULL, 0),
	E("forced_begging", "Mendicidad", "Forced begging",
	  "ForcedBegging", "typeOfLabourBegging", "02042", NULL, 0),
	E("sale_of_children", "Venta de niños", "Sale of children",
	  "ForcedAdoption", NULL, "02044", NULL, 0),
	E("organ_removal", "Extracción o tráfico de órganos o tejidos", "Removal of organs or tissues",
	  "OrganRemoval", "isOrganRemoval", "02043", NULL, 0),
	E("forced_marriage", "Matrimonio forzado", "Forced marriage",
	  "ForcedMarriage", "isForcedMarriage", "02044", NULL, 0),
	E("illicit_activities", "Actividades delictivas forzadas", "Forced criminal activities",
	  NULL, "typeOfLabourIllicitActivities", "02044", NULL, 0),
	E("child_labour", "Trabajo infantil", "Child labour",
	  "ChildLabour", NULL, "02042", NULL, 0),
	E("other", "Otra forma de explotación", "Other form of exploitation",
	  "Other", "isOtherExploit", "02044", NULL, 0),
};

/* HTCDS CONTROL (16) plus restricts_movement, which only CTDC has. */
#define CTL(code, es, en, htcds, ctdc) { code, es, en, htcds, "meansOfControl" ctdc, NULL, NULL, 0 }
static const struct cb_entry cb_control[] = {
	CTL("debt_bondage", "Servidumbre por deudas", "Debt bondage", "DebtBondage", "DebtBondage"),
	CTL("takes_earnings", "Retiene sus ingresos", "Takes earnings", "TakesEarnings", "TakesEarnings"),
	CTL("restricts_financial_access", "Restringe el acceso a sus fondos",
	    "Restricts financial access", "RestrictsFinancialAccess", "RestrictsFinancialAccess"),
	CTL("threats", "Amenazas", "Threats", "PhysicalThreats", "Threats"),
	CTL("psychological_abuse", "Abuso psicológico", "Psychological abuse",
	    "PsychologicalAbuse", "PsychologicalAbuse"),
	CTL("physical_abuse", "Violencia física", "Physical abuse", "PhysicalAbuse", "PhysicalAbuse"),
	CTL("sexual_abuse", "Violencia sexual", "Sexual abuse", "SexualAbuse", "SexualAbuse"),
	CTL("false_promises", "Engaño o falsas promesas", "False promises", "FalsePromises", "FalsePromises"),
	CTL("psychoactive_substances", "Sustancias psicoactivas", "Psychoactive substances",
	    "PsychoactiveSubstance", "PsychoactiveSubstances"),
	CTL("restricts_movement", "Restringe su libertad de movimiento", "Restricts movement",
	    NULL, "RestrictsMovement"),
	CTL("restricts_medical_care", "Restringe la atención médica", "Restricts medical care",
	    "RestrictsMedicalCare", "RestrictsMedicalCare"),
	CTL("excessive_working_hours", "Jornadas excesivas", "Excessive working hours",
	    "ExcessiveWorkingHours", "ExcessiveWorkingHours"),
	CTL("threatens_children_family", "Amenaza a sus hijos o familia", "Threatens children or family",
	    "ThreatensChildrenFamily", "UsesChildren"),
	CTL("threat_of_law_enforcement", "Amenaza con la policía o migraciones",
	    "Threat of law enforcement", "ThreatsLawEnforcement", "ThreatOfLawEnforcement"),
	CTL("withholds_necessities", "Priva de necesidades básicas", "Withholds necessities",
	    "WithholdsNecessities", "WithholdsNecessities"),
	CTL("withholds_documents", "Retiene sus documentos", "Withholds documents",
	    "WithholdsDocuments", "WithholdsDocuments"),
	CTL("other", "Otro medio de control", "Other means of control", "Other", "Other"),
};

/* HTCDS RECRUITMENT (v1.0+) where a value fits; CTDC only has isAbduction. */
static const struct cb_entry cb_recruitment[] = {
	L("job_offer", "Falsa oferta de empleo", "False job offer"),
	L("romantic", "Enamoramiento", "Romantic relationship (loverboy)"),
	E("family", "Familia o eventos familiares", "Family or family events",
	  "ThroughFamilyOrFamilyEvents", NULL, NULL, NULL, 0),
	E("acquaintance", "Amistades o conocidos", "Friends or acquaintances",
	  "ThroughFriendsOrSocialEvents", NULL, NULL, NULL, 0),
	E("social_media", "Redes sociales", "Online social networks",
	  "ThroughOnlineSocialNetworks", NULL, NULL, NULL, 0),
	E("online_ad", "Anuncio en internet", "Online advertisement",
	  "ThroughAnOnlineAdvertisement", NULL, NULL, NULL, 0),
	E("newspaper_ad", "Anuncio en periódico", "Newspaper advertisement",
	  "ThroughANewspaperAdvert", NULL, NULL, NULL, 0),
	E("radio_tv_ad", "Anuncio en radio o televisión", "Radio or television advertisement",
	  "ThroughATelevisionAdvert", NULL, NULL, NULL, 0),
	E("abduction", "Secuestro o rapto", "Abduction", NULL, "isAbduction", NULL, NULL, 0),
	E("educational_place", "Centro educativo", "At an educational institution",
	  "AtAnEducationalInstitution", NULL, NULL, NULL, 0),
	E("workplace", "Lugar de trabajo", "At work", "AtWork", NULL, NULL, NULL, 0),
	E("place_of_business", "Local comercial", "At a place of business",
	  "AtAPlaceOfBusiness", NULL, NULL, NULL, 0),
	E("other", "Otra forma de captación", "Other recruitment method", "Other", NULL, NULL, NULL, 0),
	L("unknown", "Desconocida", "Unknown"),
};

/* CTDC recruiterRelation*; HTCDS RELATIONSHIP (coarser; its misspelling of
 * "Unaquainted" is the standard's). Entries without a CTDC name export as
 * recruiterRelationOther. */
static const struct cb_entry cb_relationship[] = {
	E("family", "Familiar", "Family member", "Familial", "recruiterRelationFamily", NULL, NULL, 0),
	E("intimate_partner", "Pareja o enamorado/a", "Intimate partner",
	  NULL, "recruiterRelationIntimatePartner", NULL, NULL, 0),
	E("friend_acquaintance", "Amistad o conocido", "Friend or acquaintance",
	  "Acquainted", "recruiterRelationFriend", NULL, NULL, 0),
	L("employer", "Empleador/a", "Employer"),
	E("stranger", "Desconocido/a", "Stranger", "Unaquainted", NULL, NULL, NULL, 0),
	E("other", "Otra relación", "Other relationship", NULL, "recruiterRelationOther", NULL, NULL, 0),
	E("unknown", "No se sabe", "Unknown", NULL, "recruiterRelationUnknown", NULL, NULL, 0),
};

/* Assistance received; HTCDS SUPPORT_PLAN where it fits. */
static const struct cb_entry cb_assistance[] = {
	L("shelter", "Albergue o acogida", "Shelter"),
	E("medical", "Atención médica", "Medical care", "Health", NULL, NULL, NULL, 0),
	L("psychological", "Atención psicológica", "Psychological care"),
	E("legal", "Asistencia legal", "Legal assistance", "Legal", NULL, NULL, NULL, 0),
	E("social", "Asistencia social", "Social assistance", "SocialCare", NULL, NULL, NULL, 0),
	L("return_repatriation", "Retorno o repatriación", "Return or repatriation"),
	E("reintegration", "Reintegración", "Reintegration", "Livelihood", NULL, NULL, NULL, 0),
	E("financial", "Apoyo económico", "Financial support", "Financial", NULL, NULL, NULL, 0),
	E("education", "Educación", "Education", "Education", NULL, NULL, NULL, 0),
	L("none", "Ninguna", "None"),
};

static const struct cb_entry cb_trafficking_status[] = {
	E("possible", "Presunta víctima de trata", "Possible victim of trafficking",
	  "PossibleVictimOfTrafficking", NULL, NULL, NULL, 0),
	E("actual", "Víctima de trata", "Victim of trafficking",
	  "ActualVictimOfTrafficking", NULL, NULL, NULL, 0),
	E("not_victim", "No es víctima de trata", "Not a victim of trafficking",
	  "NotAVictimOfTrafficking", NULL, NULL, NULL, 0),
};

/* The legal elements the observatory counts (issue 10, item 5; peru.md
 * §2.1, SHERLOC's text of arts. 129-A and 129-B). The means of art.
 * 129-A(1) are the trafficker's acts towards the victim; CTDC records some
 * of them as means of control, named where the meaning is the same (the
 * CTDC export still reads CB_CONTROL only: a means is not double counted).
 * With a victim under 18 no means is needed (art. 129-A(3)): that is a
 * code of its own, so "none recorded" and "none required" differ. */
#define LE(code, es, en, htcds, ctdc, art) { code, es, en, htcds, ctdc, NULL, art, 0 }
static const struct cb_entry cb_means[] = {
	LE("violence", "Violencia", "Violence", "PhysicalAbuse", "meansOfControlPhysicalAbuse",
	   "129-A(1)"),
	LE("threat", "Amenaza", "Threat", "PhysicalThreats", "meansOfControlThreats", "129-A(1)"),
	LE("coercion", "Otras formas de coacción", "Other forms of coercion", NULL, NULL,
	   "129-A(1)"),
	LE("deprivation_of_liberty", "Privación de libertad", "Deprivation of liberty", NULL,
	   "meansOfControlRestrictsMovement", "129-A(1)"),
	LE("fraud", "Fraude", "Fraud", NULL, NULL, "129-A(1)"),
	LE("deception", "Engaño", "Deception", "FalsePromises", "meansOfControlFalsePromises",
	   "129-A(1)"),
	LE("abuse_of_power", "Abuso de poder", "Abuse of power", NULL, NULL, "129-A(1)"),
	LE("abuse_of_vulnerability", "Abuso de una situación de vulnerabilidad",
	   "Abuse of a position of vulnerability", NULL, NULL, "129-A(1)"),
	LE("payments", "Concesión o recepción de pagos o beneficios",
	   "Giving or receiving payments or benefits", NULL, NULL, "129-A(1)"),
	LE("not_required_minor", "Ninguno exigido: víctima menor de edad",
	   "None required: the victim is a minor", NULL, NULL, "129-A(3)"),
};

/* Art. 129-B: the first paragraph (12 to 20 years and disqualification),
 * the second (25 years or more); art. 129-Ñ's own aggravations. */
static const struct cb_entry cb_aggravating[] = {
	LE("public_office", "Abuso del ejercicio de la función pública",
	   "Abuse of public office", NULL, NULL, "129-B, párr. 1"),
	LE("organisation_position", "Aprovecha su posición en una organización social, tutelar o empresarial",
	   "Uses a position in a social, care or business organisation", NULL, NULL,
	   "129-B, párr. 1"),
	LE("several_victims", "Pluralidad de víctimas", "Several victims", NULL, NULL,
	   "129-B, párr. 1"),
	LE("victim_14_17_or_incapable", "Víctima de 14 a 17 años o incapaz",
	   "Victim aged 14 to 17 or legally incapable", NULL, NULL, "129-B, párr. 1"),
	LE("relative_or_carer", "El agente es pariente, cónyuge, tutor o tiene a la víctima a su cuidado",
	   "The offender is a relative, spouse or guardian, or has the victim in their care",
	   NULL, NULL, "129-B, párr. 1"),
	LE("two_or_more_offenders", "Cometido por dos o más personas",
	   "Committed by two or more persons", NULL, NULL, "129-B, párr. 1"),
	LE("victim_pregnant", "Víctima gestante", "The victim is pregnant", NULL, NULL,
	   "129-B, párr. 1"),
	LE("death_or_serious_injury", "Muerte, lesión grave o peligro inminente para la vida de la víctima",
	   "Death, serious injury or imminent danger to the victim's life", NULL, NULL,
	   "129-B, párr. 2"),
	LE("victim_under_14_or_disabled", "Víctima menor de 14 años o con discapacidad",
	   "Victim under 14 or with a disability", NULL, NULL, "129-B, párr. 2"),
	LE("criminal_organisation", "El agente integra una organización criminal",
	   "The offender belongs to a criminal organisation", NULL, NULL, "129-B, párr. 2"),
	LE("indigenous_or_migrant_worker", "Víctima de un pueblo indígena o trabajadora migrante (esclavitud)",
	   "Victim from an indigenous people or a migrant worker (slavery)", NULL, NULL, "129-Ñ"),
	LE("exploitation_from_trafficking", "La explotación deriva de una situación de trata",
	   "The exploitation follows from trafficking", NULL, NULL, "129-Ñ"),
};

/* What makes a victim vulnerable. HTCDS names: the deprecated
 * Vulnerabilities list where a value fits, PrimaryLanguage (ISO 639-2)
 * for the mother tongue. */
static const struct cb_entry cb_vulnerability[] = {
	LE("disability", "Discapacidad", "Disability", "DisabilityAndPhysicalHealth", NULL,
	   "129-B"),
	LE("pregnancy", "Embarazo", "Pregnancy", NULL, NULL, "129-B"),
	LE("indigenous", "Pertenece a un pueblo indígena u originario", "Member of an indigenous people",
	   "SocialGroup", NULL, "129-Ñ"),
	LE("mother_tongue_quechua", "Lengua materna quechua", "Mother tongue Quechua", "que", NULL,
	   NULL),
	LE("mother_tongue_aymara", "Lengua materna aimara", "Mother tongue Aymara", "aym", NULL,
	   NULL),
	LE("mother_tongue_amazonian", "Lengua materna amazónica", "Mother tongue an Amazonian language",
	   NULL, NULL, NULL),
	LE("migrant_irregular", "Migrante en situación irregular", "Migrant in an irregular situation",
	   "Migration", NULL, "129-Ñ"),
	LE("in_state_care", "Bajo tutela del Estado (CAR, acogimiento)",
	   "In State care (residential care, foster care)", NULL, NULL, NULL),
	LE("poverty", "Pobreza o pobreza extrema", "Poverty or extreme poverty", "Poverty", NULL,
	   NULL),
	LE("addiction", "Adicción", "Addiction", "Addiction", NULL, NULL),
	LE("homelessness", "Situación de calle", "Homelessness", "Homelessness", NULL, NULL),
};

/* ==================================================================== */
/* The suspect and the procedure                                         */
/* ==================================================================== */

/* HTCDS PERP_ROLE (15), then roles a prosecution needs that it lacks. */
#define PR(code, es, en, htcds) { code, es, en, htcds, NULL, NULL, NULL, 0 }
static const struct cb_entry cb_network_role[] = {
	PR("recruiter_intermediary", "Captador/a o intermediario/a", "Recruiter or intermediary",
	   "RecruiterOrIntermediary"),
	PR("transporter", "Transportista", "Transporter", "Transporter"),
	PR("travelling_partner", "Acompañante de viaje", "Travelling partner", "TravellingPartner"),
	PR("broker_travel_agent", "Agente de viajes o gestor", "Broker or travel agent", "BrokerTravelAgent"),
	PR("transferred_individual", "Trasladó a la víctima", "Transferred the victim", "TransferredIndividual"),
	PR("harboured_individual", "Acogió a la víctima", "Harboured the victim", "HarbouredIndividual"),
	PR("sold_individual", "Vendió a la víctima", "Sold the victim", "SoldIndividual"),
	PR("bought_individual", "Compró a la víctima", "Bought the victim", "BoughtIndividual"),
	PR("received_individual", "Recibió a la víctima", "Received the victim", "ReceivedIndividual"),
	PR("controlled_individual", "Controló a la víctima", "Controlled the victim", "ControlledIndividual"),
	PR("smuggler", "Traficante de migrantes", "Smuggler", "Smuggler"),
	PR("abuser", "Agresor/a", "Abuser", "Abuser"),
	PR("kidnapper", "Secuestrador/a", "Kidnapper", "Kidnapper"),
	PR("exploiter", "Explotador/a", "Exploiter", "Exploiter"),
	PR("leader", "Cabecilla de la organización", "Leader of the group", NULL),
	PR("financier", "Financista", "Financier", NULL),
	PR("public_official", "Funcionario/a público/a", "Public official", NULL),
	PR("client", "Cliente", "Client", NULL),
	PR("money_launderer", "Lavador/a de activos", "Money launderer", NULL),
	PR("other", "Otro rol", "Other role", "Other"),
};

/* Personal coercive measures of the NCPP. */
static const struct cb_entry cb_coercive_measure[] = {
	L("flagrante_arrest", "Detención en flagrancia (NCPP art. 259)", "Arrest in flagrante delicto (NCPP art. 259)"),
	L("preliminary_detention", "Detención preliminar judicial (NCPP art. 261)",
	  "Preliminary judicial detention (NCPP art. 261)"),
	L("preventive_prison", "Prisión preventiva (NCPP art. 268)", "Pre-trial detention (NCPP art. 268)"),
	L("restricted_appearance", "Comparecencia con restricciones (NCPP art. 287)",
	  "Release on conditions (NCPP art. 287)"),
	L("house_arrest", "Detención domiciliaria (NCPP art. 290)", "House arrest (NCPP art. 290)"),
	L("travel_ban", "Impedimento de salida del país (NCPP art. 295)", "Travel ban (NCPP art. 295)"),
	L("none", "Ninguna", "None"),
};

/* A suspect's outcome, derived from the path (core/outcome.h); extra flags
 * "conviction" / "acquittal" for statistics. deceased is read from older
 * registers only (migration 0010 makes it an extinguished action). */
static const struct cb_entry cb_outcome[] = {
	L("pending", "En trámite", "Pending"),
	E("convicted", "Condenado/a", "Convicted", NULL, NULL, NULL, "conviction", 0),
	E("acquitted", "Absuelto/a", "Acquitted", NULL, NULL, NULL, "acquittal", 0),
	L("dismissed", "Sobreseído/a", "Case dismissed (sobreseimiento)"),
	E("plea_convicted", "Condenado/a por terminación o conclusión anticipada",
	  "Convicted on a plea agreement", NULL, NULL, NULL, "conviction", 0),
	E("effective_collaboration", "Condenado/a por colaboración eficaz",
	  "Convicted under an effective-collaboration agreement", NULL, NULL, NULL, "conviction", 0),
	L("absent_or_fugitive", "Reo ausente o contumaz", "Absent or fugitive"),
	L("deceased", "Fallecido/a", "Deceased"),
	L("archived", "Archivado", "Archived"),
	L("extinguished", "Acción penal extinguida", "Criminal action extinguished"),
};

/*
 * A suspect's procedural path (issue 10; core/outcome.h gives the rules).
 * extra holds flags: "charge" (the offence charged or reclassified),
 * "indictment", "judgement" (a decision on the merits), "conviction",
 * "acquittal", "plea" (a conviction agreed without a full trial), "trial"
 * (a judgement that needs the indictment before it), "end" (the
 * proceedings end without a judgement), "appeal" (a remedy lodged against
 * the judgement), "result" (the higher court's decision), "final".
 */
#define PS(code, es, en, extra) { code, es, en, NULL, NULL, NULL, extra, 0 }
static const struct cb_entry cb_path_step[] = {
	PS("charge", "Imputación (formalización de la investigación, NCPP art. 336)",
	   "Charged (formalised investigation, NCPP art. 336)", "charge"),
	PS("reclassification", "Recalificación del delito imputado",
	   "Offence reclassified", "charge"),
	PS("indictment", "Acusación fiscal (NCPP art. 349)", "Indicted (NCPP art. 349)",
	   "indictment"),
	PS("conviction_trial", "Sentencia condenatoria tras juicio oral (NCPP arts. 392-399)",
	   "Convicted after trial (NCPP arts. 392-399)", "judgement,conviction,trial"),
	PS("conviction_plea", "Condena por terminación anticipada (NCPP arts. 468-471)",
	   "Convicted on a plea agreement: terminación anticipada (NCPP arts. 468-471)",
	   "judgement,conviction,plea"),
	PS("conviction_early", "Condena por conclusión anticipada del juicio (NCPP art. 372)",
	   "Convicted on an admission at trial: conclusión anticipada (NCPP art. 372)",
	   "judgement,conviction,plea,trial"),
	PS("collaboration", "Sentencia de colaboración eficaz (NCPP arts. 472-481)",
	   "Sentenced under an effective-collaboration agreement (NCPP arts. 472-481)",
	   "judgement,conviction,plea"),
	PS("acquittal", "Sentencia absolutoria (NCPP art. 398)", "Acquitted (NCPP art. 398)",
	   "judgement,acquittal,trial"),
	PS("dismissal", "Sobreseimiento (NCPP arts. 344-348)", "Dismissed: sobreseimiento (NCPP arts. 344-348)",
	   "end"),
	PS("archive", "Archivo fiscal (NCPP art. 334)", "Archived by the prosecutor (NCPP art. 334)",
	   "end"),
	PS("extinguished", "Extinción de la acción penal (CP art. 78)",
	   "Criminal action extinguished (Penal Code art. 78)", "end"),
	PS("absent", "Declarado reo ausente o contumaz (NCPP art. 79)",
	   "Declared absent or in contempt (NCPP art. 79)", ""),
	PS("appeal", "Apelación de la sentencia (NCPP arts. 416-425)",
	   "Appeal against the judgement (NCPP arts. 416-425)", "appeal"),
	PS("cassation", "Recurso de casación (NCPP arts. 427-436)",
	   "Cassation appeal (NCPP arts. 427-436)", "appeal"),
	PS("appeal_confirmed", "Sentencia confirmada (apelación o casación)",
	   "Judgement upheld on appeal or cassation", "result"),
	PS("appeal_overturned", "Sentencia revocada: absuelve al condenado o condena al absuelto",
	   "Judgement reversed: the convicted acquitted, or the acquitted convicted", "result,judgement"),
	PS("appeal_annulled", "Sentencia anulada: nuevo juicio (NCPP art. 425.3.a)",
	   "Judgement annulled: new trial ordered (NCPP art. 425.3.a)", "result"),
	PS("final", "Sentencia firme (consentida o ejecutoriada)", "Judgement final (res judicata)",
	   "final"),
};

/*
 * NCPP stages (peru.md §2.2). rank follows the procedure: the app takes a
 * case's stage from its latest event by date and breaks ties by rank, so a
 * later step must never rank below an earlier one. extra holds flags:
 * "archive" (closed without charges), "sentence" (a judgment), "conviction",
 * "acquittal", "final" (res judicata), "act" (a procedural act that leaves
 * the stage as it is: the declarations and the extension that decide which
 * legal term runs, below).
 */
#define ST(code, es, en, extra, rank) { code, es, en, NULL, NULL, NULL, extra, rank }
static const struct cb_entry cb_stage[] = {
	ST("complaint", "Denuncia (NCPP arts. 326-331)", "Complaint (NCPP arts. 326-331)", "", 10),
	ST("preliminary_inquiry", "Diligencias preliminares (NCPP art. 330)",
	   "Preliminary inquiry (NCPP art. 330)", "", 20),
	ST("provisional_archive", "Archivo provisional (NCPP art. 334)",
	   "Provisional archive (NCPP art. 334)", "archive", 30),
	ST("archive", "Archivo (NCPP art. 334)", "Archive (NCPP art. 334)", "archive", 32),
	ST("reopened", "Reapertura de la investigación (NCPP art. 335)",
	   "Investigation reopened (NCPP art. 335)", "", 35),
	ST("formalised_investigation", "Investigación preparatoria formalizada (NCPP art. 336)",
	   "Formalised investigation (NCPP art. 336)", "", 40),
	ST("complex_declared", "Declaración de complejidad (NCPP art. 342.3)",
	   "Case declared complex (NCPP art. 342.3)", "act", 41),
	ST("immediate_process", "Proceso inmediato (NCPP arts. 446-448)",
	   "Immediate process (NCPP arts. 446-448)", "", 42),
	ST("organised_crime_declared",
	   "Declaración de investigación de organización criminal (NCPP art. 342.2; Ley 30077)",
	   "Declared an organised-crime investigation (NCPP art. 342.2; Law 30077)", "act", 43),
	ST("effective_collaboration", "Colaboración eficaz (NCPP arts. 472 ss.)",
	   "Effective collaboration (NCPP arts. 472 ff.)", "", 44),
	ST("term_extension", "Prórroga del plazo de la investigación (NCPP art. 342.1-2)",
	   "Extension of the investigation term (NCPP art. 342.1-2)", "act", 46),
	ST("direct_indictment", "Acusación directa (NCPP art. 336.4)",
	   "Direct indictment (NCPP art. 336.4)", "", 48),
	ST("indictment", "Acusación (NCPP art. 349)", "Indictment (NCPP art. 349)", "", 50),
	ST("dismissal_request", "Requerimiento de sobreseimiento (NCPP art. 344)",
	   "Request for dismissal (NCPP art. 344)", "", 52),
	ST("trial_order", "Auto de enjuiciamiento (NCPP art. 353)", "Order for trial (NCPP art. 353)", "", 60),
	ST("trial", "Juicio oral (NCPP arts. 356-391)", "Trial (NCPP arts. 356-391)", "", 70),
	ST("plea_agreement", "Terminación anticipada (NCPP arts. 468-471)",
	   "Plea agreement (NCPP arts. 468-471)", "sentence,conviction", 75),
	ST("conviction_first_instance", "Sentencia condenatoria (NCPP arts. 392-399)",
	   "Conviction at first instance (NCPP arts. 392-399)", "sentence,conviction", 80),
	ST("acquittal_first_instance", "Sentencia absolutoria (NCPP arts. 392-399)",
	   "Acquittal at first instance (NCPP arts. 392-399)", "sentence,acquittal", 81),
	ST("appeal", "Apelación (NCPP arts. 416 ss.)", "Appeal (NCPP arts. 416 ff.)", "", 85),
	ST("cassation", "Casación (NCPP arts. 427 ss.)", "Cassation (NCPP arts. 427 ff.)", "", 90),
	ST("final_sentence", "Sentencia firme", "Final judgment", "sentence,final", 100),
};

/*
 * The legal terms of the investigation (NCPP, DL 957, as amended), checked
 * against the code's text and peru.md §2.2 (which gives the same figures and
 * asks for them to be confirmed):
 *   art. 334.2 (Ley 30076, 2013): diligencias preliminares, 60 days; the
 *     prosecutor may fix another term for a complex case. The Supreme
 *     Court capped it at 8 months for complex cases (Casación
 *     144-2012-Áncash); organised crime makes a case complex (art. 342.3.h).
 *   art. 342.1: investigación preparatoria, 120 calendar days ("días
 *     naturales"), extendable once by the prosecutor by up to 60.
 *   art. 342.2 (Ley 30077, 2013): complex cases 8 months, organised-crime
 *     cases 36 months, each extendable once by the same term by the judge.
 * Days are calendar days from the day after the start; months run from
 * date to date (codebook.h). The labels carry the article.
 */
static const struct cb_entry cb_legal_term[] = {
	L("preliminary", "Diligencias preliminares: 60 días (NCPP art. 334.2)",
	  "Preliminary inquiry: 60 days (NCPP art. 334.2)"),
	L("preliminary_complex",
	  "Diligencias preliminares complejas: 8 meses (NCPP art. 334.2; Cas. 144-2012-Áncash)",
	  "Complex preliminary inquiry: 8 months (NCPP art. 334.2; Cas. 144-2012-Áncash)"),
	L("formalised", "Investigación preparatoria: 120 días, prorrogables 60 (NCPP art. 342.1)",
	  "Preparatory investigation: 120 days, extendable by 60 (NCPP art. 342.1)"),
	L("complex", "Investigación compleja: 8 meses, prorrogables 8 (NCPP art. 342.2)",
	  "Complex investigation: 8 months, extendable by 8 (NCPP art. 342.2)"),
	L("organised_crime",
	  "Organización criminal: 36 meses, prorrogables 36 (NCPP art. 342.2; Ley 30077)",
	  "Organised crime: 36 months, extendable by 36 (NCPP art. 342.2; Law 30077)"),
};

/* The durations, in the order of cb_legal_term. */
static const struct cb_term cb_terms[] = {
	{ "preliminary", "NCPP art. 334.2", 60, 0, 0, 0 },
	{ "preliminary_complex", "NCPP art. 334.2; Cas. 144-2012-Áncash", 0, 8, 0, 0 },
	{ "formalised", "NCPP art. 342.1", 120, 0, 60, 0 },
	{ "complex", "NCPP art. 342.2", 0, 8, 0, 8 },
	{ "organised_crime", "NCPP art. 342.2; Ley 30077", 0, 36, 0, 36 },
};

/* ==================================================================== */
/* Assets, identifiers, international requests                           */
/* ==================================================================== */

static const struct cb_entry cb_asset_kind[] = {
	L("cash", "Dinero en efectivo", "Cash"),
	L("bank_account", "Cuenta bancaria", "Bank account"),
	L("vehicle", "Vehículo", "Vehicle"),
	L("real_estate", "Inmueble", "Real estate"),
	L("business_premises", "Local o negocio (bar, prostíbulo, hospedaje)", "Business premises (bar, brothel, lodging)"),
	L("mining_equipment", "Maquinaria o equipo minero", "Mining equipment"),
	L("jewellery_gold", "Joyas u oro", "Jewellery or gold"),
	L("electronics", "Equipos electrónicos", "Electronic devices"),
	L("virtual_assets", "Activos virtuales", "Virtual assets"),
	L("documents", "Documentos", "Documents"),
	L("weapons", "Armas", "Weapons"),
	L("other", "Otro bien", "Other asset"),
};

/* The steps of an asset's life (peru.md §4.1: identification, freezing,
 * seizure, confiscation, disposal; D. Leg. 1373 and its regulation DS
 * 007-2019-JUS for extinción de dominio; PRONABI). Flags: "seizure" (the
 * asset is held: what a confiscation or a forfeiture needs before it),
 * "confiscation" (the State takes it by a judgement), "forfeiture" (a step
 * of the separate proceeding, which has its own file number), "disposal"
 * (what the State does with it afterwards), "realised" (a step with the
 * value the State obtained). */
static const struct cb_entry cb_asset_measure[] = {
	E("seized", "Incautación (NCPP art. 316)", "Seizure (NCPP art. 316)",
	  NULL, NULL, NULL, "seizure", 0),
	E("frozen", "Embargo o inmovilización (NCPP art. 302)",
	  "Freezing or attachment (NCPP art. 302)", NULL, NULL, NULL, "seizure", 0),
	E("forfeited", "Decomiso por sentencia (CP art. 102)",
	  "Confiscation by sentence (Penal Code art. 102)", NULL, NULL, NULL, "confiscation", 0),
	E("extinction_of_ownership", "Extinción de dominio: proceso iniciado (D. Leg. 1373)",
	  "Non-conviction-based forfeiture: proceeding opened (Leg. Decree 1373)",
	  NULL, NULL, NULL, "forfeiture", 0),
	L("returned", "Devolución", "Returned"),
	L("identified", "Identificado (investigación patrimonial)",
	  "Identified (financial investigation)"),
	E("ed_claim", "Extinción de dominio: demanda presentada",
	  "Non-conviction-based forfeiture: claim filed", NULL, NULL, NULL, "forfeiture", 0),
	E("ed_founded", "Extinción de dominio: sentencia fundada",
	  "Non-conviction-based forfeiture: forfeiture ordered", NULL, NULL, NULL,
	  "forfeiture,confiscation", 0),
	E("ed_unfounded", "Extinción de dominio: demanda infundada",
	  "Non-conviction-based forfeiture: claim dismissed", NULL, NULL, NULL, "forfeiture", 0),
	E("pronabi", "Entregado al PRONABI", "Handed to PRONABI (state asset office)",
	  NULL, NULL, NULL, "disposal", 0),
	E("sold", "Subastado o vendido", "Auctioned or sold", NULL, NULL, NULL,
	  "disposal,realised", 0),
	E("assigned", "Asignado a una entidad pública", "Assigned to a public body",
	  NULL, NULL, NULL, "disposal,realised", 0),
};

/* The kinds lib/norm.c knows how to normalise before blind indexing. */
static const struct cb_entry cb_identifier_kind[] = {
	L("phone", "Teléfono", "Phone number"),
	L("email", "Correo electrónico", "E-mail address"),
	L("bank_account", "Cuenta bancaria", "Bank account"),
	L("vehicle_plate", "Placa de vehículo", "Vehicle plate"),
	L("company_ruc", "RUC de empresa", "Company tax id (RUC)"),
	L("address", "Dirección", "Address"),
	L("social_media", "Cuenta en redes sociales", "Social media account"),
	L("imei", "IMEI", "IMEI"),
	L("passport_number", "Número de pasaporte", "Passport number"),
	L("other", "Otro identificador", "Other identifier"),
};

static const struct cb_entry cb_request_direction[] = {
	L("outgoing", "Activa (enviada al extranjero)", "Outgoing (sent abroad)"),
	L("incoming", "Pasiva (recibida del extranjero)", "Incoming (received from abroad)"),
};

/* NCPP Libro Séptimo (arts. 508-566), UNTOC arts. 13, 18, 19 (peru.md §3). */
static const struct cb_entry cb_request_type[] = {
	L("mla", "Asistencia judicial mutua", "Mutual legal assistance"),
	L("extradition", "Extradición", "Extradition"),
	L("transfer_of_prisoners", "Traslado de condenados", "Transfer of sentenced persons"),
	L("information_exchange", "Intercambio de información (redes: IberRed, REDTRAM)",
	  "Information exchange (networks: IberRed, REDTRAM)"),
	L("interpol_notice", "Notificación de INTERPOL", "INTERPOL notice"),
	L("joint_investigation_team", "Equipo conjunto de investigación", "Joint investigation team"),
	L("asset_recovery", "Recuperación de activos (RRAG, CARIN)", "Asset recovery (RRAG, CARIN)"),
	L("videoconference_hearing", "Declaración por videoconferencia", "Hearing by videoconference"),
	L("other", "Otra solicitud", "Other request"),
};

static const struct cb_entry cb_request_status[] = {
	L("draft", "Borrador", "Draft"),
	L("sent", "Enviada", "Sent"),
	L("received", "Recibida", "Received"),
	L("in_progress", "En trámite", "In progress"),
	L("partially_answered", "Respondida en parte", "Partially answered"),
	L("answered", "Respondida", "Answered"),
	L("refused", "Denegada", "Refused"),
	L("withdrawn", "Retirada", "Withdrawn"),
	L("closed", "Cerrada", "Closed"),
};

/* The legal basis of a request (peru.md §3.1-3.2): a treaty first, else the
 * Palermo Convention (UNTOC art. 18, arts. 13 and 16 for confiscation and
 * extradition), else reciprocity and the NCPP (Libro Séptimo). */
static const struct cb_entry cb_legal_basis[] = {
	L("bilateral_treaty", "Tratado bilateral", "Bilateral treaty"),
	L("regional_treaty", "Tratado regional (Convención Interamericana, MERCOSUR)",
	  "Regional treaty (Inter-American Convention, MERCOSUR)"),
	L("untoc_art18", "Convención de Palermo, art. 18 (asistencia judicial recíproca)",
	  "Palermo Convention, art. 18 (mutual legal assistance)"),
	L("untoc_art13", "Convención de Palermo, art. 13 (decomiso)",
	  "Palermo Convention, art. 13 (confiscation)"),
	L("untoc_art16", "Convención de Palermo, art. 16 (extradición)",
	  "Palermo Convention, art. 16 (extradition)"),
	L("reciprocity", "Reciprocidad (NCPP art. 508)", "Reciprocity (NCPP art. 508)"),
	L("other", "Otra base", "Other basis"),
};

/* How a request travels (peru.md §3.1, §3.3). */
static const struct cb_entry cb_request_channel[] = {
	L("central_authority", "Autoridad central (UCJIE de la Fiscalía de la Nación)",
	  "Central authority (UCJIE of the Fiscalía de la Nación)"),
	L("diplomatic", "Vía diplomática (Cancillería)", "Diplomatic channel (Foreign Ministry)"),
	L("interpol", "INTERPOL (OCN Lima)", "INTERPOL (NCB Lima)"),
	L("direct", "Directa entre fiscalías", "Direct between prosecution services"),
	L("network", "Red (IberRed, REDTRAM, RRAG)", "Network (IberRed, REDTRAM, RRAG)"),
	L("egmont", "Grupo Egmont (UIF)", "Egmont Group (FIU)"),
	L("other", "Otro canal", "Other channel"),
};

/* What a request asks (UNTOC art. 18.3, NCPP art. 511; peru.md §3). */
static const struct cb_entry cb_request_assistance[] = {
	L("testimony", "Declaraciones o testimonios", "Taking of evidence or statements"),
	L("service_of_documents", "Notificación de documentos", "Service of judicial documents"),
	L("search_seizure", "Registro, incautación y embargo", "Search, seizure and freezing"),
	L("inspection", "Inspección de objetos y lugares", "Examining objects and sites"),
	L("documents_records", "Documentos y registros (copias certificadas)",
	  "Documents and records (certified copies)"),
	L("bank_records", "Información bancaria, financiera o societaria",
	  "Bank, financial or corporate records"),
	L("trace_proceeds", "Identificación y rastreo de activos", "Identifying and tracing proceeds"),
	L("asset_freeze", "Inmovilización o decomiso de activos", "Freezing or confiscation of assets"),
	L("locate_person", "Ubicación de personas", "Locating persons"),
	L("arrest", "Detención con fines de extradición", "Arrest for extradition"),
	L("voluntary_appearance", "Comparecencia voluntaria", "Voluntary appearance"),
	L("victim_protection", "Protección o repatriación de víctimas",
	  "Protection or repatriation of victims"),
	L("other", "Otra asistencia", "Other assistance"),
};

/* ==================================================================== */
/* The State's response: protection of victims, police intake            */
/* ==================================================================== */

/* What a victim received (peru.md §1.2 "protection measures and assistance
 * (UDAVIT)"; Ley 28950 and its regulation DS 001-2016-IN; the Protocolo
 * Intersectorial, DS 005-2016-IN). "consent": a referral the protocol
 * makes only with an adult victim's informed consent; "single": the single
 * interview in a Gesell chamber happens once. HTCDS SUPPORT_PLAN where it
 * fits. */
static const struct cb_entry cb_protection[] = {
	E("udavit_assistance", "Asistencia de UDAVIT (Programa de Protección y Asistencia a Víctimas y Testigos)",
	  "UDAVIT assistance (Public Prosecutor's victim and witness programme)",
	  NULL, NULL, NULL, "consent", 0),
	L("protection_order", "Medidas de protección procesal (reserva de identidad, NCPP art. 248)",
	  "Procedural protection measures (identity kept secret, NCPP art. 248)"),
	E("single_interview", "Entrevista única en cámara Gesell", "Single interview in a Gesell chamber",
	  NULL, NULL, NULL, "single", 0),
	E("shelter", "Acogida (hogar refugio o Centro de Acogida Residencial, CAR)",
	  "Shelter (refuge or residential care centre, CAR)", NULL, NULL, NULL, "consent", 0),
	E("psychological", "Atención psicológica", "Psychological care", NULL, NULL, NULL,
	  "consent", 0),
	E("health", "Atención de salud", "Health care", "Health", NULL, NULL, "consent", 0),
	E("social", "Atención social (Centro Emergencia Mujer, CEM)",
	  "Social care (women's emergency centre, CEM)", "SocialCare", NULL, NULL, "consent", 0),
	E("legal_aid", "Defensa legal gratuita", "Free legal aid", "Legal", NULL, NULL, "consent", 0),
	E("consular", "Asistencia consular", "Consular assistance", NULL, NULL, NULL, "consent", 0),
	E("return", "Retorno o repatriación", "Return or repatriation", NULL, NULL, NULL, "consent", 0),
	E("reintegration", "Reintegración (educación, trabajo, vivienda)",
	  "Reintegration (education, work, housing)", "Livelihood", NULL, NULL, "consent", 0),
	E("documentation", "Documentos de identidad", "Identity documents", NULL, NULL, NULL,
	  "consent", 0),
};

static const struct cb_entry cb_provider[] = {
	L("udavit", "UDAVIT — Ministerio Público", "UDAVIT — Public Prosecutor's Office"),
	L("mimp_cem", "MIMP — Centro Emergencia Mujer (CEM)", "Ministry of Women — women's emergency centre (CEM)"),
	L("mimp_car", "MIMP/INABIF — Centro de Acogida Residencial (CAR)",
	  "Ministry of Women/INABIF — residential care centre (CAR)"),
	L("mimp_upe", "MIMP — Unidad de Protección Especial (UPE)",
	  "Ministry of Women — special protection unit (UPE)"),
	L("health", "MINSA o EsSalud — establecimiento de salud", "Health ministry or EsSalud — health facility"),
	L("legal_aid", "MINJUSDH — Defensa Pública", "Ministry of Justice — public defence"),
	L("consulate", "Consulado", "Consulate"),
	L("foreign_ministry", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
	L("public_prosecutor", "Fiscalía (Ministerio Público)", "Prosecutor's office"),
	L("police", "Policía Nacional del Perú", "National Police"),
	L("iom", "Organización Internacional para las Migraciones (OIM)",
	  "International Organization for Migration (IOM)"),
	L("ngo", "Organización de la sociedad civil", "Civil society organisation"),
	L("other", "Otra entidad", "Other provider"),
};

static const struct cb_entry cb_protection_result[] = {
	L("requested", "Solicitada (derivación enviada)", "Requested (referral sent)"),
	L("provided", "Brindada", "Provided"),
	L("ongoing", "En curso", "Ongoing"),
	L("completed", "Concluida", "Completed"),
	L("declined", "Rechazada por la víctima", "Declined by the victim"),
	L("unavailable", "No disponible (sin vacante o servicio)", "Not available (no place or service)"),
	L("abandoned", "Abandonada por la víctima", "Left by the victim"),
};

static const struct cb_entry cb_owner_relation[] = {
	L("owner", "Propietario/a", "Owner"),
	L("front_man", "Testaferro", "Front man (nominee)"),
	L("holder", "Poseedor/a o tenedor/a", "Holder or possessor"),
};

/* NCPP art. 332: the police report to the prosecutor; "atestado" is the
 * name under the old code, still in use. */
static const struct cb_entry cb_police_report_kind[] = {
	L("informe", "Informe policial (NCPP art. 332)", "Police report (NCPP art. 332)"),
	L("atestado", "Atestado policial", "Police report (atestado)"),
};

/* ==================================================================== */
/* The table of tables and its lookups                                   */
/* ==================================================================== */

struct cb_dim_def {
	const char *name;
	const struct cb_entry *e;
	size_t n;
};

#define DIM(name, t) { name, t, NELEM(t) }
static const struct cb_dim_def cb_dims[] = {
	[CB_USER_ROLE]         = DIM("user_role", cb_user_role),
	[CB_OFFICE_KIND]       = DIM("office_kind", cb_office_kind),
	[CB_DISTRITO_FISCAL]   = DIM("distrito_fiscal", cb_distrito_fiscal),
	[CB_DEPARTMENT]        = DIM("department", cb_department),
	[CB_COUNTRY]           = DIM("country", cb_country),
	[CB_CURRENCY]          = DIM("currency", cb_currency),
	[CB_COMPLAINT_SOURCE]  = DIM("complaint_source", cb_complaint_source),
	[CB_OFFENCE]           = DIM("offence", cb_offence),
	[CB_RELATED_OFFENCE]   = DIM("related_offence", cb_related_offence),
	[CB_PERSON_ROLE]       = DIM("person_role", cb_person_role),
	[CB_SEX]               = DIM("sex", cb_sex),
	[CB_DOC_TYPE]          = DIM("doc_type", cb_doc_type),
	[CB_EXPLOITATION]      = DIM("exploitation", cb_exploitation),
	[CB_CONTROL]           = DIM("control", cb_control),
	[CB_RECRUITMENT]       = DIM("recruitment", cb_recruitment),
	[CB_RELATIONSHIP]      = DIM("relationship", cb_relationship),
	[CB_ASSISTANCE]        = DIM("assistance", cb_assistance),
	[CB_TRAFFICKING_STATUS] = DIM("trafficking_status", cb_trafficking_status),
	[CB_NETWORK_ROLE]      = DIM("network_role", cb_network_role),
	[CB_COERCIVE_MEASURE]  = DIM("coercive_measure", cb_coercive_measure),
	[CB_OUTCOME]           = DIM("outcome", cb_outcome),
	[CB_STAGE]             = DIM("stage", cb_stage),
	[CB_ASSET_KIND]        = DIM("asset_kind", cb_asset_kind),
	[CB_ASSET_MEASURE]     = DIM("asset_measure", cb_asset_measure),
	[CB_IDENTIFIER_KIND]   = DIM("identifier_kind", cb_identifier_kind),
	[CB_REQUEST_DIRECTION] = DIM("request_direction", cb_request_direction),
	[CB_REQUEST_TYPE]      = DIM("request_type", cb_request_type),
	[CB_REQUEST_STATUS]    = DIM("request_status", cb_request_status),
	[CB_LEGAL_TERM]        = DIM("legal_term", cb_legal_term),
	[CB_PROTECTION]        = DIM("protection", cb_protection),
	[CB_PROVIDER]          = DIM("provider", cb_provider),
	[CB_PROTECTION_RESULT] = DIM("protection_result", cb_protection_result),
	[CB_OWNER_RELATION]    = DIM("owner_relation", cb_owner_relation),
	[CB_POLICE_REPORT_KIND] = DIM("police_report_kind", cb_police_report_kind),
	[CB_PATH_STEP]         = DIM("path_step", cb_path_step),
	[CB_MEANS]             = DIM("means", cb_means),
	[CB_AGGRAVATING]       = DIM("aggravating", cb_aggravating),
	[CB_VULNERABILITY]     = DIM("vulnerability", cb_vulnerability),
	[CB_LEGAL_BASIS]       = DIM("legal_basis", cb_legal_basis),
	[CB_REQUEST_CHANNEL]   = DIM("request_channel", cb_request_channel),
	[CB_REQUEST_ASSISTANCE] = DIM("request_assistance", cb_request_assistance),
};
_Static_assert(NELEM(cb_dims) == CB__MAX, "one row of cb_dims per enum cb_dim");
_Static_assert(NELEM(cb_user_role) == 6, "cb_user_role follows enum role");
_Static_assert(NELEM(cb_terms) == NELEM(cb_legal_term), "one duration per legal term");

const struct cb_term *
cb_term(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < NELEM(cb_terms); i++)
		if (strcmp(cb_terms[i].code, code) == 0)
			return &cb_terms[i];
	return NULL;
}

static const struct cb_dim_def *
dim_def(enum cb_dim dim)
{
	if ((unsigned)dim >= CB__MAX)
		return NULL;
	return &cb_dims[dim];
}

const char *
cb_dim_name(enum cb_dim dim)
{
	const struct cb_dim_def *d = dim_def(dim);

	return d == NULL ? "" : d->name;
}

int
cb_dim_by_name(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < CB__MAX; i++)
		if (strcmp(cb_dims[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct cb_entry *
cb_entries(enum cb_dim dim, size_t *n)
{
	static const struct cb_entry none[1];
	const struct cb_dim_def *d = dim_def(dim);

	if (d == NULL) {
		*n = 0;
		return none;
	}
	*n = d->n;
	return d->e;
}

static int
entry_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cb_entry *)elem)->code);
}

const struct cb_entry *
cb_lookup(enum cb_dim dim, const char *code)
{
	const struct cb_dim_def *d = dim_def(dim);
	size_t i;

	if (d == NULL || code == NULL)
		return NULL;
	if (dim == CB_COUNTRY)
		return bsearch(code, d->e, d->n, sizeof(d->e[0]), entry_cmp);
	for (i = 0; i < d->n; i++)
		if (strcmp(d->e[i].code, code) == 0)
			return &d->e[i];
	return NULL;
}

const char *
cb_label(enum cb_dim dim, const char *code, enum cb_lang lang)
{
	const struct cb_entry *e = cb_lookup(dim, code);

	if (e == NULL)
		return code == NULL ? "" : code;
	return lang == CB_EN ? e->en : e->es;
}

enum ext { EXT_HTCDS, EXT_CTDC };

/* First entry whose HTCDS or CTDC name equals name. */
static const struct cb_entry *
lookup_ext(enum cb_dim dim, enum ext which, const char *name)
{
	const struct cb_dim_def *d = dim_def(dim);
	const char *ext;
	size_t i;

	if (d == NULL || name == NULL)
		return NULL;
	for (i = 0; i < d->n; i++) {
		ext = which == EXT_CTDC ? d->e[i].ctdc : d->e[i].htcds;
		if (ext != NULL && strcmp(ext, name) == 0)
			return &d->e[i];
	}
	return NULL;
}

const struct cb_entry *
cb_lookup_ctdc(enum cb_dim dim, const char *name)
{
	return lookup_ext(dim, EXT_CTDC, name);
}

const struct cb_entry *
cb_lookup_htcds(enum cb_dim dim, const char *name)
{
	return lookup_ext(dim, EXT_HTCDS, name);
}

int
cb_has_flag(const struct cb_entry *e, const char *flag)
{
	const char *p;
	size_t n, len;

	if (e == NULL || e->extra == NULL || flag == NULL)
		return 0;
	n = strlen(flag);
	for (p = e->extra; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (n > 0 && len == n && strncmp(p, flag, n) == 0)
			return 1;
	}
	return 0;
}
