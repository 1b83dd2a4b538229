/// Countries as German, French, Spanish, Italian, Russian (and, for the most watched, Urdu) texts name them: names (with German
/// genitives), and demonyms and adjectives in their inflected forms ("Russland", "Russlands",
/// "russische", "Russie", "rusos", "российского", "Венгрии"), so that a watched country is found in
/// those languages without hand-written aliases. Russian forms are stemmed by `Normalization`, so
/// one or two forms cover every case; German adjectives get their endings here.
enum CountryNamesAbroad {
    struct Forms {
        var names: [String]
        var adjectives: [String]
    }

    /// By normalised English name.
    static func forms(of country: String) -> Forms? {
        table[Normalization.tokens(of: country).joined(separator: " ")]
    }

    private static let germanEndings = ["", "e", "en", "er", "es", "em"]

    private static let table: [String: Forms] = {
        var table: [String: Forms] = [:]
        for line in source.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            func list(_ s: String) -> [String] { s.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
            var adjectives = list(fields[3])
            for stem in list(fields[2]) { adjectives += germanEndings.map { stem + $0 } }
            table[Normalization.tokens(of: fields[0]).joined(separator: " ")] = Forms(names: list(fields[1]), adjectives: adjectives)
        }
        return table
    }()

    // English name | names (German, French, Spanish, Italian, Russian) | German adjective stems |
    // other adjectives and demonyms (French, Spanish, Italian, Russian, German nouns for people)
    private static let source = """
        Russia|Russland,Russlands,Russie,Rusia,Russia,Россия,Российская Федерация,РФ,روس|russisch|Russe,Russen,russe,russes,ruso,rusa,rusos,rusas,russo,russa,russi,russe,российский,российская,русский,русская,россиянин,россияне,روسی
        China|China,Chinas,Chine,Cina,Китай,Китая,چین|chinesisch|Chinese,Chinesen,Chinesin,chinois,chinoise,chinoises,chino,china,chinos,chinas,cinese,cinesi,китайский,китайская
        Hungary|Ungarn,Ungarns,Hongrie,Hungría,Hungria,Ungheria,Венгрия|ungarisch|Ungar,Ungarn,hongrois,hongroise,hongroises,húngaro,húngara,húngaros,húngaras,ungherese,ungheresi,венгерский,венгерская
        Germany|Deutschland,Deutschlands,Allemagne,Alemania,Germania,Германия,ФРГ,جرمنی|deutsch|Deutsche,Deutschen,allemand,allemande,allemands,allemandes,alemán,alemana,alemanes,alemanas,tedesco,tedesca,tedeschi,tedesche,немецкий,немецкая,германский,германская,جرمن
        United States|Vereinigte Staaten,Vereinigten Staaten,États-Unis,Etats-Unis,Estados Unidos,Stati Uniti,США,Соединённые Штаты,Соединенные Штаты,امریکہ,ریاستہائے متحدہ|US-amerikanisch,amerikanisch|Amerikaner,américain,américaine,américains,américaines,estadounidense,estadounidenses,norteamericano,norteamericana,norteamericanos,statunitense,statunitensi,американский,американская,امریکی
        United Kingdom|Großbritannien,Grossbritannien,Vereinigtes Königreich,Royaume-Uni,Grande-Bretagne,Reino Unido,Gran Bretaña,Regno Unito,Gran Bretagna,Великобритания,Британия,Соединённое Королевство,برطانیہ|britisch|Briten,britannique,britanniques,británico,británica,británicos,británicas,britannico,britannica,britannici,britanniche,британский,британская,برطانوی
        France|Frankreich,Frankreichs,Francia,Франция,فرانس|französisch|Franzose,Franzosen,Französin,français,française,françaises,francés,francesa,franceses,francesas,francese,francesi,французский,французская,فرانسیسی
        Italy|Italien,Italiens,Italie,Italia,Италия|italienisch|Italiener,italien,italienne,italiens,italiennes,italiano,italiana,italianos,italianas,italiani,italiane,итальянский,итальянская
        Spain|Spanien,Spaniens,Espagne,España,Espana,Spagna,Испания|spanisch|Spanier,espagnol,espagnole,espagnols,espagnoles,español,española,españoles,españolas,spagnolo,spagnola,spagnoli,spagnole,испанский,испанская
        Poland|Polen,Polens,Pologne,Polonia,Польша|polnisch|Pole,Polin,polonais,polonaise,polonaises,polaco,polaca,polacos,polacas,polacco,polacca,polacchi,polacche,польский,польская
        Ukraine|Ukraine,Ucrania,Ucraina,Украина,یوکرین|ukrainisch|Ukrainer,ukrainien,ukrainienne,ukrainiens,ukrainiennes,ucraniano,ucraniana,ucranianos,ucranianas,ucraino,ucraina,ucraini,ucraine,украинский,украинская,یوکرینی
        Turkey|Türkei,Turquie,Turquía,Turquia,Turchia,Турция,ترکی|türkisch|Türke,Türken,turc,turque,turcs,turques,turco,turca,turcos,turcas,turchi,turche,турецкий,турецкая
        Iran|Iran,Irans,Irán,Иран,ایران|iranisch|Iraner,iranien,iranienne,iraniens,iraniennes,iraní,iraníes,iraniano,iraniana,iraniani,иранский,иранская,ایرانی
        Israel|Israel,Israels,Israël,Israele,Израиль,Израиля,اسرائیل|israelisch|Israeli,Israelis,israélien,israélienne,israéliens,israéliennes,israelí,israelíes,israeliano,israeliana,israeliani,израильский,израильская,اسرائیلی
        Japan|Japan,Japans,Japon,Japón,Giappone,Япония,جاپان|japanisch|Japaner,japonais,japonaise,japonaises,japonés,japonesa,japoneses,japonesas,giapponese,giapponesi,японский,японская,جاپانی
        India|Indien,Indiens,Inde,Индия,بھارت,ہندوستان|indisch|Inder,indien,indienne,indiens,indiennes,indiano,indiani,индийский,индийская,بھارتی
        Georgia|Georgien,Georgiens,Géorgie,Грузия|georgisch|Georgier,géorgien,géorgienne,géorgiens,georgiano,georgiana,georgianos,georgianas,georgiani,грузинский,грузинская
        Belarus|Belarus,Weißrussland,Biélorussie,Bielorrusia,Bielorussia,Беларусь,Белоруссия|belarussisch,weißrussisch|biélorusse,biélorusses,bielorruso,bielorrusa,bielorrusso,bielorussa,белорусский,белорусская
        Syria|Syrien,Syriens,Syrie,Siria,Сирия|syrisch|Syrer,syrien,syrienne,syriens,sirio,siria,sirios,siriano,siriana,siriani,сирийский,сирийская
        Egypt|Ägypten,Ägyptens,Égypte,Egipto,Egitto,Египет,Египта|ägyptisch|Ägypter,égyptien,égyptienne,égyptiens,egipcio,egipcia,egipcios,egiziano,egiziana,egiziani,египетский,египетская
        Kazakhstan|Kasachstan,Kazakhstan,Kazajistán,Kazakistan,Казахстан|kasachisch|kazakh,kazakhe,kazajo,kazaja,kazako,kazaka,казахстанский,казахский
        Netherlands|Niederlande,Pays-Bas,Países Bajos,Paesi Bassi,Нидерланды,Голландия|niederländisch|Niederländer,néerlandais,néerlandaise,neerlandés,neerlandesa,olandese,olandesi,нидерландский,голландский
        Austria|Österreich,Österreichs,Autriche,Австрия|österreichisch|Österreicher,autrichien,autrichienne,austriaco,austriaca,austriacos,austriaci,австрийский,австрийская
        Serbia|Serbien,Serbiens,Serbie,Сербия|serbisch|Serben,serbe,serbes,serbio,serbia,serbios,serbo,serba,serbi,сербский,сербская
        Romania|Rumänien,Rumäniens,Roumanie,Rumania,Румыния|rumänisch|Rumänen,roumain,roumaine,roumains,rumano,rumana,rumanos,rumeno,rumena,rumeni,румынский,румынская
        Slovakia|Slowakei,Slovaquie,Eslovaquia,Slovacchia,Словакия|slowakisch|slovaque,slovaques,eslovaco,eslovaca,slovacco,slovacca,словацкий,словацкая
        Czech Republic|Tschechien,Tschechiens,Tchéquie,República Checa,Chequia,Repubblica Ceca,Cechia,Чехия|tschechisch|Tschechen,tchèque,tchèques,checo,checa,checos,ceco,ceca,cechi,чешский,чешская
        Moldova|Moldau,Moldawien,Moldavie,Moldavia,Молдавия,Молдова|moldauisch,moldawisch|moldave,moldavo,moldava,молдавский
        North Korea|Nordkorea,Nordkoreas,Corée du Nord,Corea del Norte,Corea del Nord,КНДР,Северная Корея|nordkoreanisch|nord-coréen,norcoreano,norcoreana,nordcoreano,nordcoreana,северокорейский
        Pakistan|Pakistan,Pakistans,Pakistán,Пакистан,پاکستان|pakistanisch|Pakistaner,pakistanais,pakistanaise,paquistaní,pakistano,pakistana,pakistani,пакистанский,پاکستانی
        Afghanistan|Afghanistan,Afghanistans,Afganistán,Афганистан,افغانستان|afghanisch|Afghanen,afghan,afghane,afgano,afgana,афганский,افغان
        Saudi Arabia|Saudi-Arabien,Saudi-Arabiens,Arabie saoudite,Arabia Saudita,Arabia Saudí,Саудовская Аравия,سعودی عرب|saudi-arabisch,saudisch|saoudien,saoudienne,saudí,saudita,sauditi,саудовский,سعودی
        """
}
