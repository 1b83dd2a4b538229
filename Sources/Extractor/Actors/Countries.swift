/// The world's countries: name, other names, demonyms (adjective and people), capital.
/// A watched country brings its demonyms, and its capital where `capitalAsMetonym` is on.
struct CountryInfo: Sendable {
    var name: String
    var otherNames: [String]
    var demonyms: [String]
    var capital: String?
}

enum Countries {
    /// By normalised country name (and other names).
    static let byName: [String: CountryInfo] = {
        var table: [String: CountryInfo] = [:]
        for line in source.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == 4 else { continue }
            func list(_ s: String) -> [String] { s.split(separator: ",").map { String($0) }.filter { !$0.isEmpty } }
            let info = CountryInfo(
                name: fields[0], otherNames: list(fields[1]), demonyms: list(fields[2]),
                capital: fields[3].isEmpty ? nil : fields[3])
            for name in [info.name] + info.otherNames {
                table[Normalization.tokens(of: name).joined(separator: " ")] = info
            }
        }
        return table
    }()

    /// Every single word that is a country's name or demonym, normalised ("russia", "hungarian").
    static let words: Set<String> = {
        var words: Set<String> = []
        for info in Set(byName.values.map(\.name)).compactMap({ byName[Normalization.tokens(of: $0).joined(separator: " ")] }) {
            for phrase in [info.name] + info.otherNames + info.demonyms {
                let tokens = Normalization.tokens(of: phrase)
                if tokens.count == 1 { words.insert(tokens[0]) }
            }
        }
        return words
    }()

    static func lookup(_ name: String) -> CountryInfo? {
        byName[Normalization.tokens(of: name).joined(separator: " ")]
    }

    // name|other names|demonyms|capital
    private static let source = """
        Afghanistan||Afghan,Afghans|Kabul
        Albania||Albanian,Albanians|Tirana
        Algeria||Algerian,Algerians|Algiers
        Andorra||Andorran,Andorrans|Andorra la Vella
        Angola||Angolan,Angolans|Luanda
        Antigua and Barbuda||Antiguan,Antiguans|St. John's
        Argentina||Argentine,Argentinian,Argentines,Argentinians|Buenos Aires
        Armenia||Armenian,Armenians|Yerevan
        Australia||Australian,Australians|Canberra
        Austria||Austrian,Austrians|Vienna
        Azerbaijan||Azerbaijani,Azerbaijanis,Azeri,Azeris|Baku
        Bahamas|The Bahamas|Bahamian,Bahamians|Nassau
        Bahrain||Bahraini,Bahrainis|Manama
        Bangladesh||Bangladeshi,Bangladeshis|Dhaka
        Barbados||Barbadian,Barbadians|Bridgetown
        Belarus||Belarusian,Belarusians|Minsk
        Belgium||Belgian,Belgians|Brussels
        Belize||Belizean,Belizeans|Belmopan
        Benin||Beninese|Porto-Novo
        Bhutan||Bhutanese|Thimphu
        Bolivia||Bolivian,Bolivians|Sucre
        Bosnia and Herzegovina|Bosnia|Bosnian,Bosnians|Sarajevo
        Botswana||Botswanan,Motswana,Batswana|Gaborone
        Brazil||Brazilian,Brazilians|Brasília
        Brunei||Bruneian,Bruneians|Bandar Seri Begawan
        Bulgaria||Bulgarian,Bulgarians|Sofia
        Burkina Faso||Burkinabe|Ouagadougou
        Burundi||Burundian,Burundians|Gitega
        Cabo Verde|Cape Verde|Cape Verdean,Cape Verdeans|Praia
        Cambodia||Cambodian,Cambodians|Phnom Penh
        Cameroon||Cameroonian,Cameroonians|Yaoundé
        Canada||Canadian,Canadians|Ottawa
        Central African Republic||Central African,Central Africans|Bangui
        Chad||Chadian,Chadians|N'Djamena
        Chile||Chilean,Chileans|Santiago
        China|People's Republic of China,PRC|Chinese|Beijing
        Colombia||Colombian,Colombians|Bogotá
        Comoros||Comoran,Comorans|Moroni
        Congo|Republic of the Congo,Congo-Brazzaville|Congolese|Brazzaville
        Democratic Republic of the Congo|DR Congo,DRC,Congo-Kinshasa|Congolese|Kinshasa
        Costa Rica||Costa Rican,Costa Ricans|San José
        Côte d'Ivoire|Ivory Coast|Ivorian,Ivorians|Yamoussoukro
        Croatia||Croatian,Croatians,Croat,Croats|Zagreb
        Cuba||Cuban,Cubans|Havana
        Cyprus||Cypriot,Cypriots|Nicosia
        Czech Republic|Czechia|Czech,Czechs|Prague
        Denmark||Danish,Dane,Danes|Copenhagen
        Djibouti||Djiboutian,Djiboutians|Djibouti
        Dominica||Dominican,Dominicans|Roseau
        Dominican Republic||Dominican,Dominicans|Santo Domingo
        Ecuador||Ecuadorian,Ecuadorians|Quito
        Egypt||Egyptian,Egyptians|Cairo
        England||English,Englishman,Englishmen|
        El Salvador||Salvadoran,Salvadorans|San Salvador
        Equatorial Guinea||Equatoguinean,Equatorial Guinean|Malabo
        Eritrea||Eritrean,Eritreans|Asmara
        Estonia||Estonian,Estonians|Tallinn
        Eswatini|Swaziland|Swazi,Swazis|Mbabane
        Ethiopia||Ethiopian,Ethiopians|Addis Ababa
        Fiji||Fijian,Fijians|Suva
        Finland||Finnish,Finn,Finns|Helsinki
        France||French|Paris
        Gabon||Gabonese|Libreville
        Gambia|The Gambia|Gambian,Gambians|Banjul
        Georgia||Georgian,Georgians|Tbilisi
        Germany||German,Germans|Berlin
        Ghana||Ghanaian,Ghanaians|Accra
        Greece||Greek,Greeks|Athens
        Grenada||Grenadian,Grenadians|St. George's
        Guatemala||Guatemalan,Guatemalans|Guatemala City
        Guinea||Guinean,Guineans|Conakry
        Guinea-Bissau||Bissau-Guinean|Bissau
        Guyana||Guyanese|Georgetown
        Haiti||Haitian,Haitians|Port-au-Prince
        Honduras||Honduran,Hondurans|Tegucigalpa
        Hungary||Hungarian,Hungarians|Budapest
        Iceland||Icelandic,Icelander,Icelanders|Reykjavík
        India||Indian,Indians|New Delhi
        Indonesia||Indonesian,Indonesians|Jakarta
        Iran|Islamic Republic of Iran|Iranian,Iranians|Tehran
        Iraq||Iraqi,Iraqis|Baghdad
        Ireland|Republic of Ireland|Irish|Dublin
        Israel||Israeli,Israelis|Jerusalem
        Italy||Italian,Italians|Rome
        Jamaica||Jamaican,Jamaicans|Kingston
        Japan||Japanese|Tokyo
        Jordan||Jordanian,Jordanians|Amman
        Kazakhstan||Kazakh,Kazakhs,Kazakhstani|Astana
        Kenya||Kenyan,Kenyans|Nairobi
        Kiribati||I-Kiribati|Tarawa
        North Korea|DPRK,Democratic People's Republic of Korea|North Korean,North Koreans|Pyongyang
        South Korea|Republic of Korea|South Korean,South Koreans|Seoul
        Kosovo||Kosovar,Kosovars|Pristina
        Kuwait||Kuwaiti,Kuwaitis|Kuwait City
        Kyrgyzstan||Kyrgyz,Kyrgyzstani|Bishkek
        Laos||Lao,Laotian,Laotians|Vientiane
        Latvia||Latvian,Latvians|Riga
        Lebanon||Lebanese|Beirut
        Lesotho||Basotho,Mosotho|Maseru
        Liberia||Liberian,Liberians|Monrovia
        Libya||Libyan,Libyans|Tripoli
        Liechtenstein||Liechtensteiner,Liechtensteiners|Vaduz
        Lithuania||Lithuanian,Lithuanians|Vilnius
        Luxembourg||Luxembourgish,Luxembourger,Luxembourgers|Luxembourg
        Madagascar||Malagasy|Antananarivo
        Malawi||Malawian,Malawians|Lilongwe
        Malaysia||Malaysian,Malaysians|Kuala Lumpur
        Maldives||Maldivian,Maldivians|Malé
        Mali||Malian,Malians|Bamako
        Malta||Maltese|Valletta
        Marshall Islands||Marshallese|Majuro
        Mauritania||Mauritanian,Mauritanians|Nouakchott
        Mauritius||Mauritian,Mauritians|Port Louis
        Mexico||Mexican,Mexicans|Mexico City
        Micronesia||Micronesian,Micronesians|Palikir
        Moldova||Moldovan,Moldovans|Chișinău
        Monaco||Monegasque|Monaco
        Mongolia||Mongolian,Mongolians|Ulaanbaatar
        Montenegro||Montenegrin,Montenegrins|Podgorica
        Morocco||Moroccan,Moroccans|Rabat
        Mozambique||Mozambican,Mozambicans|Maputo
        Myanmar|Burma|Burmese|Naypyidaw
        Namibia||Namibian,Namibians|Windhoek
        Nauru||Nauruan,Nauruans|Yaren
        Nepal||Nepalese,Nepali|Kathmandu
        Netherlands|The Netherlands,Holland|Dutch|Amsterdam
        New Zealand||New Zealander,New Zealanders|Wellington
        Nicaragua||Nicaraguan,Nicaraguans|Managua
        Niger||Nigerien,Nigeriens|Niamey
        Nigeria||Nigerian,Nigerians|Abuja
        North Macedonia|Macedonia|Macedonian,Macedonians|Skopje
        Norway||Norwegian,Norwegians|Oslo
        Oman||Omani,Omanis|Muscat
        Pakistan||Pakistani,Pakistanis|Islamabad
        Palau||Palauan,Palauans|Ngerulmud
        Palestine|State of Palestine|Palestinian,Palestinians|Ramallah
        Panama||Panamanian,Panamanians|Panama City
        Papua New Guinea||Papua New Guinean|Port Moresby
        Paraguay||Paraguayan,Paraguayans|Asunción
        Peru||Peruvian,Peruvians|Lima
        Philippines|The Philippines|Filipino,Filipinos,Philippine|Manila
        Poland||Polish,Pole,Poles|Warsaw
        Portugal||Portuguese|Lisbon
        Qatar||Qatari,Qataris|Doha
        Romania||Romanian,Romanians|Bucharest
        Russia|Russian Federation|Russian,Russians|Moscow
        Rwanda||Rwandan,Rwandans|Kigali
        Saint Kitts and Nevis||Kittitian,Nevisian|Basseterre
        Saint Lucia||Saint Lucian|Castries
        Saint Vincent and the Grenadines||Vincentian|Kingstown
        Samoa||Samoan,Samoans|Apia
        San Marino||Sammarinese|San Marino
        São Tomé and Príncipe||Santomean|São Tomé
        Saudi Arabia||Saudi,Saudis,Saudi Arabian|Riyadh
        Senegal||Senegalese|Dakar
        Serbia||Serbian,Serbians,Serb,Serbs|Belgrade
        Seychelles||Seychellois|Victoria
        Sierra Leone||Sierra Leonean|Freetown
        Singapore||Singaporean,Singaporeans|Singapore
        Slovakia||Slovak,Slovaks,Slovakian|Bratislava
        Slovenia||Slovenian,Slovenians,Slovene,Slovenes|Ljubljana
        Solomon Islands||Solomon Islander|Honiara
        Somalia||Somali,Somalis|Mogadishu
        South Africa||South African,South Africans|Pretoria
        South Sudan||South Sudanese|Juba
        Spain||Spanish,Spaniard,Spaniards|Madrid
        Sri Lanka||Sri Lankan,Sri Lankans|Colombo
        Sudan||Sudanese|Khartoum
        Suriname||Surinamese|Paramaribo
        Sweden||Swedish,Swede,Swedes|Stockholm
        Switzerland||Swiss|Bern
        Syria|Syrian Arab Republic|Syrian,Syrians|Damascus
        Taiwan|Republic of China|Taiwanese|Taipei
        Tajikistan||Tajik,Tajiks|Dushanbe
        Tanzania||Tanzanian,Tanzanians|Dodoma
        Thailand||Thai|Bangkok
        Timor-Leste|East Timor|Timorese|Dili
        Togo||Togolese|Lomé
        Tonga||Tongan,Tongans|Nukuʻalofa
        Trinidad and Tobago||Trinidadian,Tobagonian|Port of Spain
        Tunisia||Tunisian,Tunisians|Tunis
        Turkey|Türkiye|Turkish,Turk,Turks|Ankara
        Turkmenistan||Turkmen|Ashgabat
        Tuvalu||Tuvaluan,Tuvaluans|Funafuti
        Uganda||Ugandan,Ugandans|Kampala
        Ukraine||Ukrainian,Ukrainians|Kyiv
        United Arab Emirates|UAE,Emirates|Emirati,Emiratis|Abu Dhabi
        United Kingdom|UK,U.K.,Britain,Great Britain|British,Briton,Britons|London
        Scotland||Scottish,Scots|Edinburgh
        Wales||Welsh|Cardiff
        Northern Ireland||Northern Irish|Belfast
        United States|United States of America,USA,US,U.S.,U.S.A.,America|American,Americans|Washington
        Uruguay||Uruguayan,Uruguayans|Montevideo
        Uzbekistan||Uzbek,Uzbeks|Tashkent
        Vanuatu||Ni-Vanuatu|Port Vila
        Vatican City|Holy See,Vatican||Vatican City
        Venezuela||Venezuelan,Venezuelans|Caracas
        Vietnam|Viet Nam|Vietnamese|Hanoi
        Yemen||Yemeni,Yemenis|Sanaa
        Zambia||Zambian,Zambians|Lusaka
        Zimbabwe||Zimbabwean,Zimbabweans|Harare
        """
}
