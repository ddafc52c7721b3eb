import Testing
import Understanding

/// Groups said by role, read against the members' registered roles.
struct RoleGroupTests {
    let members: [(name: String, role: String?)] = [
        ("Rosa Fuentes", "profesor/a encargado/a"), ("Marta Gonzalez", "docente"), ("Pedro Soto", "docente"),
        ("Ana Rojas", "educador/a de párvulos"), ("Carolina Muñoz", "jefe/a UTP"), ("Juan Pérez", "director/a"), ("Sin Rol", nil),
    ]

    /// Each role word matches the roles it names; several words narrow it.
    @Test(arguments: [
        ("Profes", ["Rosa Fuentes", "Marta Gonzalez", "Pedro Soto"]),
        ("Profes (4)", ["Rosa Fuentes", "Marta Gonzalez", "Pedro Soto"]),
        ("Profes encargadas", ["Rosa Fuentes"]),
        ("Cada profe encargada", ["Rosa Fuentes"]),
        ("Educadoras de párvulo", ["Ana Rojas"]),
        ("Jefes UTP", ["Carolina Muñoz"]),
        ("Jefes técnicos (3)", ["Carolina Muñoz"]),
        ("Directores", ["Juan Pérez"]),
        ("Sostenedores", []),
        ("Equipo UTP", ["Carolina Muñoz"]),
        ("Equipo directivo", ["Juan Pérez"]),
    ])
    func expands(group: String, names: [String]) {
        #expect(RoleGroup.members(of: group, among: members) == names)
    }

    /// A word that is not a role («de lenguaje», «apoderados») keeps the group as said.
    @Test(arguments: ["Profes de lenguaje", "Apoderados", "Equipo de convivencia"])
    func keepsNarrowerGroups(group: String) {
        #expect(RoleGroup.members(of: group, among: members) == nil)
    }

    /// «cada profe encargada» and «todas las profes» are groups; «la jefa de utp» is one person.
    @Test func pluralOrEach() {
        #expect(PeopleParser.group("cada profe encargada") == "Cada profe encargada")
        #expect(PeopleParser.isPlural("Cada profe encargada"))
        #expect(PeopleParser.isPlural("Profes (4)"))
        #expect(!PeopleParser.isPlural("Jefa de UTP"))
    }

    /// «responsables yo y la Marta»: the field's name in front of the names is no one's.
    @Test func dropsTheFieldName() {
        #expect(PeopleParser.split("responsables yo y la Marta") == ["yo", "Marta"])
    }
}
