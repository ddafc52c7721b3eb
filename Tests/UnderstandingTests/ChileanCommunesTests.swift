import Testing
@testable import Understanding

// The table of Chile's communes: every region with its communes, matched without accents, case
// or «de», and names said for several regions left ambiguous.

@Suite struct ChileanCommunesTests {
    /// 346 communes, each once, each in one of the sixteen regions, every region with some.
    @Test func wholeTable() {
        let all = ChileanCommunes.all
        #expect(all.count == 346)
        #expect(Set(all.map(\.name)).count == 346)
        #expect(Set(all.map(\.region)) == Set(ChileanCalendar.regions))
        let perRegion = Dictionary(grouping: all, by: \.region).mapValues(\.count)
        #expect(perRegion["Metropolitana"] == 52 && perRegion["Valparaíso"] == 38 && perRegion["Ñuble"] == 21 && perRegion["Los Ríos"] == 12)
        #expect(perRegion["Arica y Parinacota"] == 4 && perRegion["Magallanes"] == 11 && perRegion["Aysén"] == 10 && perRegion["La Araucanía"] == 32)
    }

    /// A handful of communes per region, written as people type them.
    @Test(arguments: [
        ("putre", "Arica y Parinacota"), ("General Lagos", "Arica y Parinacota"),
        ("alto hospicio", "Tarapacá"), ("Colchane", "Tarapacá"), ("PICA", "Tarapacá"),
        ("san pedro de atacama", "Antofagasta"), ("Ollague", "Antofagasta"), ("maria elena", "Antofagasta"),
        ("Diego de Almagro", "Atacama"), ("chanaral", "Atacama"), ("alto del carmen", "Atacama"),
        ("La Serena", "Coquimbo"), ("serena", "Coquimbo"), ("Rio Hurtado", "Coquimbo"), ("combarbala", "Coquimbo"),
        ("Viña del Mar", "Valparaíso"), ("vina de mar", "Valparaíso"), ("Llay Llay", "Valparaíso"), ("isla de pascua", "Valparaíso"),
        ("Ñuñoa", "Metropolitana"), ("nunoa", "Metropolitana"), ("San José de Maipo", "Metropolitana"), ("Calera de Tango", "Metropolitana"),
        ("pedro aguirre cerda", "Metropolitana"), ("Til Til", "Metropolitana"), ("La Florida", "Metropolitana"),
        ("Quinta de Tilcoco", "O'Higgins"), ("marchihue", "O'Higgins"), ("Pichilemu", "O'Higgins"), ("requinoa", "O'Higgins"),
        ("Curicó", "Maule"), ("vichuquen", "Maule"), ("Yerbas Buenas", "Maule"), ("Maule", "Maule"),
        ("Chillán Viejo", "Ñuble"), ("ranquil", "Ñuble"), ("San Fabián", "Ñuble"), ("trehuaco", "Ñuble"),
        ("San Pedro de la Paz", "Biobío"), ("san pedro la paz", "Biobío"), ("Los Ángeles", "Biobío"), ("los angeles", "Biobío"),
        ("alto bio bio", "Biobío"), ("Tirúa", "Biobío"),
        ("Padre Las Casas", "La Araucanía"), ("padre de las casas", "La Araucanía"), ("CURARREHUE", "La Araucanía"),
        ("chol chol", "La Araucanía"), ("Teodoro Schmidt", "La Araucanía"),
        ("Mariquina", "Los Ríos"), ("lago ranco", "Los Ríos"), ("Río Bueno", "Los Ríos"),
        ("Puerto Montt", "Los Lagos"), ("puerto montt", "Los Lagos"), ("Curaco de Vélez", "Los Lagos"), ("hualaihue", "Los Lagos"),
        ("san juan de la costa", "Los Lagos"),
        ("Coyhaique", "Aysén"), ("coihaique", "Aysén"), ("Río Ibáñez", "Aysén"), ("puerto aysen", "Aysén"),
        ("Torres del Paine", "Magallanes"), ("puerto natales", "Magallanes"), ("Cabo de Hornos", "Magallanes"), ("timaukel", "Magallanes"),
    ])
    func lookup(_ c: (String, String)) {
        guard case .commune(_, let region)? = ChileanCommunes.lookup(c.0) else {
            Issue.record("«\(c.0)» is no commune")
            return
        }
        #expect(region == c.1, "«\(c.0)»")
    }

    /// Official names come back with their accents.
    @Test func officialName() {
        #expect(ChileanCommunes.lookup("los angeles") == .commune(name: "Los Ángeles", region: "Biobío"))
        #expect(ChileanCommunes.lookup("san pedro la paz") == .commune(name: "San Pedro de la Paz", region: "Biobío"))
        #expect(ChileanCommunes.lookup("PUCON") == .commune(name: "Pucón", region: "La Araucanía"))
    }

    /// Names said for more than one region, and places that are no commune.
    @Test func ambiguousAndUnknown() {
        #expect(ChileanCommunes.lookup("San Pedro") == .ambiguous)
        #expect(ChileanCommunes.lookup("Florida") == .ambiguous)
        #expect(ChileanCommunes.lookup("Los Lagos") == .ambiguous)   // a commune of Los Ríos, and a region
        #expect(ChileanCommunes.lookup("O'Higgins") == .ambiguous)   // a commune of Aysén, and a region
        #expect(ChileanCommunes.lookup("Lican Ray") == nil)
        #expect(ChileanCommunes.lookup("Chiloé") == nil)
    }

    /// A territory's region: from the commune inside it, from several of one region, never
    /// from a province, an ambiguous name or communes of several regions.
    @Test func territory() {
        #expect(ChileanCommunes.region(ofTerritory: "la comuna de Curarrehue")?.region == "La Araucanía")
        #expect(ChileanCommunes.region(ofTerritory: "sector rural de Curarrehue")?.region == "La Araucanía")
        #expect(ChileanCommunes.region(ofTerritory: "Puerto Montt y alrededores")?.communes == ["Puerto Montt"])
        #expect(ChileanCommunes.region(ofTerritory: "San Carlos, Ñiquén y San Fabián")?.region == "Ñuble")
        #expect(ChileanCommunes.region(ofTerritory: "Isla de Maipo")?.communes == ["Isla de Maipo"])
        #expect(ChileanCommunes.region(ofTerritory: "sector Lican Ray") == nil)
        #expect(ChileanCommunes.region(ofTerritory: "provincia de Osorno") == nil)
        #expect(ChileanCommunes.region(ofTerritory: "San Pedro") == nil)
        #expect(ChileanCommunes.region(ofTerritory: "Lanco y Purranque") == nil)
    }
}
