/// Chile's 346 communes, each with its region (`ChileanCalendar.regions` names), so that a
/// territory said as «Curarrehue», «la comuna de Curarrehue» or «sector rural de Curarrehue»
/// can be placed in La Araucanía. Names are matched folded (no accents, no case) and without
/// «de»/«del» («San Pedro la Paz» is «San Pedro de la Paz»). A name that points at two regions
/// («Los Lagos», a commune of Los Ríos and a region; «San Pedro», said for three communes) is
/// ambiguous and places nothing. The table is parsed once, on first use.
public enum ChileanCommunes {
    /// What a name is, as a commune.
    public enum Match: Equatable, Sendable {
        /// One commune, in one region.
        case commune(name: String, region: String)
        /// A name said for communes (or a region) of more than one region.
        case ambiguous
    }

    /// Region → its communes, official names with their accents (subsecretaría de desarrollo
    /// regional, 2018 division: Ñuble with its 21 communes).
    static let table: [(region: String, communes: String)] = [
        ("Arica y Parinacota", "Arica, Camarones, Putre, General Lagos"),
        ("Tarapacá", "Iquique, Alto Hospicio, Pozo Almonte, Camiña, Colchane, Huara, Pica"),
        ("Antofagasta", "Antofagasta, Mejillones, Sierra Gorda, Taltal, Calama, Ollagüe, San Pedro de Atacama, Tocopilla, María Elena"),
        ("Atacama", "Copiapó, Caldera, Tierra Amarilla, Chañaral, Diego de Almagro, Vallenar, Alto del Carmen, Freirina, Huasco"),
        ("Coquimbo", "La Serena, Coquimbo, Andacollo, La Higuera, Paiguano, Vicuña, Illapel, Canela, Los Vilos, Salamanca, "
            + "Ovalle, Combarbalá, Monte Patria, Punitaqui, Río Hurtado"),
        ("Valparaíso", "Valparaíso, Casablanca, Concón, Juan Fernández, Puchuncaví, Quintero, Viña del Mar, Isla de Pascua, "
            + "Los Andes, Calle Larga, Rinconada, San Esteban, La Ligua, Cabildo, Papudo, Petorca, Zapallar, "
            + "Quillota, La Calera, Hijuelas, La Cruz, Nogales, San Antonio, Algarrobo, Cartagena, El Quisco, El Tabo, Santo Domingo, "
            + "San Felipe, Catemu, Llaillay, Panquehue, Putaendo, Santa María, Quilpué, Limache, Olmué, Villa Alemana"),
        ("Metropolitana", "Santiago, Cerrillos, Cerro Navia, Conchalí, El Bosque, Estación Central, Huechuraba, Independencia, "
            + "La Cisterna, La Florida, La Granja, La Pintana, La Reina, Las Condes, Lo Barnechea, Lo Espejo, Lo Prado, Macul, Maipú, "
            + "Ñuñoa, Pedro Aguirre Cerda, Peñalolén, Providencia, Pudahuel, Quilicura, Quinta Normal, Recoleta, Renca, San Joaquín, "
            + "San Miguel, San Ramón, Vitacura, Puente Alto, Pirque, San José de Maipo, Colina, Lampa, Tiltil, San Bernardo, Buin, "
            + "Calera de Tango, Paine, Melipilla, Alhué, Curacaví, María Pinto, San Pedro, Talagante, El Monte, Isla de Maipo, "
            + "Padre Hurtado, Peñaflor"),
        ("O'Higgins", "Rancagua, Codegua, Coinco, Coltauco, Doñihue, Graneros, Las Cabras, Machalí, Malloa, Mostazal, Olivar, Peumo, "
            + "Pichidegua, Quinta de Tilcoco, Rengo, Requínoa, San Vicente, Pichilemu, La Estrella, Litueche, Marchigüe, Navidad, "
            + "Paredones, San Fernando, Chépica, Chimbarongo, Lolol, Nancagua, Palmilla, Peralillo, Placilla, Pumanque, Santa Cruz"),
        ("Maule", "Talca, Constitución, Curepto, Empedrado, Maule, Pelarco, Pencahue, Río Claro, San Clemente, San Rafael, "
            + "Cauquenes, Chanco, Pelluhue, Curicó, Hualañé, Licantén, Molina, Rauco, Romeral, Sagrada Familia, Teno, Vichuquén, "
            + "Linares, Colbún, Longaví, Parral, Retiro, San Javier, Villa Alegre, Yerbas Buenas"),
        ("Ñuble", "Chillán, Bulnes, Chillán Viejo, El Carmen, Pemuco, Pinto, Quillón, San Ignacio, Yungay, Quirihue, Cobquecura, "
            + "Coelemu, Ninhue, Portezuelo, Ránquil, Treguaco, San Carlos, Coihueco, Ñiquén, San Fabián, San Nicolás"),
        ("Biobío", "Concepción, Coronel, Chiguayante, Florida, Hualqui, Lota, Penco, San Pedro de la Paz, Santa Juana, Talcahuano, "
            + "Tomé, Hualpén, Lebu, Arauco, Cañete, Contulmo, Curanilahue, Los Álamos, Tirúa, Los Ángeles, Antuco, Cabrero, Laja, "
            + "Mulchén, Nacimiento, Negrete, Quilaco, Quilleco, San Rosendo, Santa Bárbara, Tucapel, Yumbel, Alto Biobío"),
        ("La Araucanía", "Temuco, Carahue, Cunco, Curarrehue, Freire, Galvarino, Gorbea, Lautaro, Loncoche, Melipeuco, Nueva Imperial, "
            + "Padre Las Casas, Perquenco, Pitrufquén, Pucón, Saavedra, Teodoro Schmidt, Toltén, Vilcún, Villarrica, Cholchol, "
            + "Angol, Collipulli, Curacautín, Ercilla, Lonquimay, Los Sauces, Lumaco, Purén, Renaico, Traiguén, Victoria"),
        ("Los Ríos", "Valdivia, Corral, Lanco, Los Lagos, Máfil, Mariquina, Paillaco, Panguipulli, La Unión, Futrono, Lago Ranco, Río Bueno"),
        ("Los Lagos", "Puerto Montt, Calbuco, Cochamó, Fresia, Frutillar, Los Muermos, Llanquihue, Maullín, Puerto Varas, "
            + "Castro, Ancud, Chonchi, Curaco de Vélez, Dalcahue, Puqueldón, Queilén, Quellón, Quemchi, Quinchao, "
            + "Osorno, Puerto Octay, Purranque, Puyehue, Río Negro, San Juan de la Costa, San Pablo, Chaitén, Futaleufú, Hualaihué, Palena"),
        ("Aysén", "Coyhaique, Lago Verde, Aysén, Cisnes, Guaitecas, Cochrane, O'Higgins, Tortel, Chile Chico, Río Ibáñez"),
        ("Magallanes", "Punta Arenas, Laguna Blanca, Río Verde, San Gregorio, Cabo de Hornos, Antártica, Porvenir, Primavera, Timaukel, "
            + "Natales, Torres del Paine"),
    ]

    /// Other usual names of a commune (folded) → its official name: the town that heads it, an
    /// older spelling, the name without its article.
    static let otherNames: [String: String] = [
        "puerto natales": "Natales", "puerto aysen": "Aysén", "puerto aisen": "Aysén", "aisen": "Aysén", "coihaique": "Coyhaique",
        "paihuano": "Paiguano", "llay llay": "Llaillay", "llai llai": "Llaillay", "til til": "Tiltil", "marchihue": "Marchigüe",
        "san francisco de mostazal": "Mostazal", "chol chol": "Cholchol", "puerto williams": "Cabo de Hornos",
        "villa o higgins": "O'Higgins", "caleta tortel": "Tortel", "san jose de la mariquina": "Mariquina", "puerto saavedra": "Saavedra",
        "san vicente de tagua tagua": "San Vicente", "rapa nui": "Isla de Pascua", "trehuaco": "Treguaco", "alto bio bio": "Alto Biobío",
        "puerto ibanez": "Río Ibáñez", "puerto cisnes": "Cisnes", "vina": "Viña del Mar", "serena": "La Serena", "calera": "La Calera",
        "ligua": "La Ligua", "higuera": "La Higuera", "angeles": "Los Ángeles", "vilos": "Los Vilos", "conce": "Concepción",
        "valpo": "Valparaíso", "quinta tilcoco": "Quinta de Tilcoco",
    ]

    /// Names said for communes of more than one region (folded, without «de»): «San Pedro»
    /// (Metropolitana; said too for San Pedro de la Paz and San Pedro de Atacama), «Florida»
    /// (Biobío; La Florida is Metropolitana).
    static let saidForSeveral: Set<String> = ["san pedro", "florida"]

    /// Folded words of a name, «de» and «del» left out.
    static func key(_ words: some Sequence<Substring>) -> String {
        words.filter { $0 != "de" && $0 != "del" }.joined(separator: " ")
    }

    static func key(_ text: String) -> String { key(TextFold.fold(text).split(separator: " ")) }

    /// Key → match, and the longest name in words.
    static let index: (byKey: [String: Match], longest: Int) = {
        var byKey: [String: Match] = [:]
        var official: [String: String] = [:]
        var longest = 1
        func add(_ k: String, _ m: Match) {
            if let was = byKey[k], was != m { byKey[k] = .ambiguous } else { byKey[k] = m }
            longest = max(longest, k.split(separator: " ").count)
        }
        for (region, list) in table {
            for name in list.split(separator: ",") {
                let name = String(name.drop(while: { $0 == " " }))
                official[name] = region
                add(key(name), .commune(name: name, region: region))
            }
        }
        for (said, name) in otherNames {
            guard let region = official[name] else { continue }
            add(key(said), .commune(name: name, region: region))
        }
        for k in saidForSeveral { byKey[k] = .ambiguous }
        // «Los Lagos» (a commune of Los Ríos), «O'Higgins» (of Aysén): also another region's
        // name. A commune named like its own region («Maule», «Coquimbo») stays.
        for (k, m) in byKey {
            if case .commune(_, let region) = m, let named = ChileanCalendar.region(named: k, exact: true), named != region {
                byKey[k] = .ambiguous
            }
        }
        return (byKey, longest)
    }()

    /// Every commune in the table (official name, region), in the table's order.
    public static var all: [(name: String, region: String)] {
        table.flatMap { r in r.communes.split(separator: ",").map { (String($0.drop(while: { $0 == " " })), r.region) } }
    }

    /// `text` as a commune's whole name («curarrehue», «San Pedro de la Paz», «Pto… » no):
    /// nil when no commune is called so.
    public static func lookup(_ text: String) -> Match? {
        index.byKey[key(text)]
    }

    /// The communes named in `text`, in order, longest name first where names overlap
    /// («Isla de Maipo», never «Maipo»): «sector rural de Curarrehue», «Lanco y Máfil».
    public static func named(in text: String) -> [Match] {
        let words = TextFold.fold(text).split(separator: " ").filter { $0 != "de" && $0 != "del" }
        var found: [Match] = []
        var i = 0
        while i < words.count {
            var took = 0
            for n in stride(from: min(index.longest, words.count - i), through: 1, by: -1) {
                if let m = index.byKey[words[i..<(i + n)].joined(separator: " ")] {
                    found.append(m)
                    took = n
                    break
                }
            }
            i += max(took, 1)
        }
        return found
    }

    /// The region a territory lies in, when every commune it names is in that one region and
    /// none is ambiguous; the communes named (official names). Nil for a territory that names
    /// no commune («sector Lican Ray»), a province («provincia de Osorno»: larger than its
    /// commune), or communes of several regions.
    public static func region(ofTerritory text: String) -> (communes: [String], region: String)? {
        let words = TextFold.fold(text).split(separator: " ")
        if words.contains(where: { $0 == "provincia" || $0 == "provincias" || $0 == "region" }) { return nil }
        var names: [String] = []
        var region: String?
        for m in named(in: text) {
            guard case .commune(let name, let r) = m, region == nil || region == r else { return nil }
            region = r
            if !names.contains(name) { names.append(name) }
        }
        return region.map { (names, $0) }
    }
}
