/// Common Chilean first names, so a name typed in lowercase on a phone ("que carolina manda
/// el informe") is still read as a person, and written back with its accents ("Sofía").
///
/// Names that are also everyday words are left out on purpose: Rosa, Paz, Luz, Sol, Mar,
/// Ángel, Victoria, Pilar, Dolores, Consuelo, Soledad, Esperanza, Gloria, Flor, Rocío, Amparo,
/// Julio, Marco, César, Caro, Vale, Pato.
public enum FirstNames {
    /// The name as it is written, for a folded token ("sofia" → "Sofía"), or nil.
    public static func canonical(_ folded: String) -> String? { byFolded[folded] }

    /// Every name folded («mario»): none of them is a typo of a month or weekday («Mario» is
    /// not «marzo»).
    static var folded: Dictionary<String, String>.Keys { byFolded.keys }

    private static let byFolded: [String: String] = {
        var map: [String: String] = [:]
        for name in names { map[TextFold.fold(name)] = name }
        return map
    }()

    private static let names = [
        // Women
        "María", "Ana", "Carolina", "Carla", "Camila", "Catalina", "Constanza", "Daniela", "Francisca", "Valentina",
        "Javiera", "Fernanda", "Paula", "Andrea", "Claudia", "Patricia", "Verónica", "Marcela", "Alejandra", "Mónica",
        "Lorena", "Paola", "Ximena", "Jimena", "Carmen", "Cecilia", "Isabel", "Gabriela", "Natalia", "Macarena",
        "Karina", "Karen", "Katherine", "Pamela", "Susana", "Silvia", "Sandra", "Teresa", "Beatriz", "Bárbara",
        "Josefa", "Antonia", "Agustina", "Florencia", "Martina", "Sofía", "Isidora", "Fabiola", "Elizabeth",
        "Jacqueline", "Viviana", "Marta", "Margarita", "Angélica", "Loreto", "Ivonne", "Yasna", "Marisol", "Ingrid",
        "Nicole", "Romina", "Tamara", "Valeria", "Vanessa", "Yolanda", "Ruth", "Elena", "Inés", "Lucía", "Julia",
        "Laura", "Raquel", "Sara", "Rebeca", "Priscila", "Erika", "Maite", "Trinidad", "Jessica", "Johanna",
        "Marcia", "Nancy", "Olga", "Rosario", "Sonia", "Eliana", "Gladys", "Irma", "Leticia", "Mirta",
        "Ester", "Esther", "Lidia", "Nelly", "Berta", "Hilda", "Edith", "Elsa", "Nora", "Rosa", "Gloria", "Luisa", "Juana", "Paulina",
        // Men
        "Juan", "José", "Luis", "Carlos", "Jorge", "Pedro", "Francisco", "Pablo", "Diego", "Felipe", "Cristián",
        "Rodrigo", "Sergio", "Manuel", "Miguel", "Andrés", "Alejandro", "Ricardo", "Mauricio", "Claudio", "Gonzalo",
        "Marcelo", "Patricio", "Eduardo", "Fernando", "Héctor", "Hugo", "Iván", "Jaime", "Javier", "Joaquín",
        "Matías", "Nicolás", "Sebastián", "Tomás", "Vicente", "Benjamín", "Agustín", "Martín", "Ignacio",
        "Cristóbal", "Gabriel", "Daniel", "David", "Esteban", "Gustavo", "Hernán", "Leonardo", "Mario", "Óscar",
        "Rafael", "Raúl", "Roberto", "Rolando", "Rubén", "Samuel", "Víctor", "Waldo", "Álvaro", "Arturo", "Camilo",
        "Enrique", "Fabián", "Germán", "Guillermo", "Ismael", "Lautaro", "Leandro", "Lorenzo", "Nelson", "Orlando",
        "Osvaldo", "René", "Darío", "Emilio", "Julián", "Marcos", "Maximiliano", "Ramón", "Renato", "Alonso",
        // Nicknames
        "Pancho", "Coni", "Cote", "Nico", "Seba", "Benja", "Rodri", "Cami", "Dani", "Fran", "Javi", "Maca", "Pame",
        "Clau", "Marce", "Lucho", "Quique", "Feña", "Checho", "Nacho",
    ]
}
