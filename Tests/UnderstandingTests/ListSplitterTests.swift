import Testing
import Understanding

/// One-line lists with markers.
struct ListSplitterTests {
    /// Letters, numbers, dashes, bullets and semicolons each split a line into its items.
    @Test(arguments: [
        ("a) leer en voz alta b) escribir cartas c) contar cuentos", ["leer en voz alta", "escribir cartas", "contar cuentos"]),
        ("1) bienvenida 2) lectura del acta 3) acuerdos", ["bienvenida", "lectura del acta", "acuerdos"]),
        ("- uno - dos - tres", ["uno", "dos", "tres"]),
        ("• uno • dos", ["uno", "dos"]),
        ("mejorar la lectura; compartir prácticas; evaluar juntos", ["mejorar la lectura", "compartir prácticas", "evaluar juntos"]),
        // A short lead closed by a colon says what the list is: it is no item.
        ("son tres: 1) instalar un plan lector, 2) visitas de aula, 3) compartir evaluaciones",
         ["instalar un plan lector", "visitas de aula", "compartir evaluaciones"]),
        ("los objetivos son: a) leer b) escribir", ["leer", "escribir"]),
        // The «y» before the last marker joins the items: it is no word of the one before (qa22 S5).
        ("1) Daniela arma el calendario, 2) Raul revisa la rubrica antes del 15 y 3) todos suben sus planificaciones",
         ["Daniela arma el calendario", "Raul revisa la rubrica antes del 15", "todos suben sus planificaciones"]),
        ("a) leer b) escribir e c) contar", ["leer", "escribir", "contar"]),
    ])
    func splits(text: String, items: [String]) {
        #expect(ListSplitter.split(text) == items)
    }

    /// Prose with commas, a lone marker, or markers out of order stay one item.
    @Test(arguments: ["leer, escribir y contar", "a) leer en voz alta", "leer el capítulo 2) y comentar", "b) uno a) dos",
                           "la tabla: leer el acta 2) y comentar", "son dos: a) leer"])
    func keepsProse(text: String) {
        #expect(ListSplitter.split(text) == nil)
    }
}
