@testable import Assistant
import CivilTime
import Testing
import Understanding

/// A meta said in one sentence gives each of its parts, clean; a progress report gives the
/// figure and what was done.
struct GoalSentenceTests {
    let temporal = TemporalContext(localNow: LocalDateTime(date: LocalDate(year: 2027, month: 3, day: 10), time: LocalTime(hour: 10, minute: 0)))

    @Test func fromTo() {
        let g = GoalSentence.read("la meta es pasar de 55% a 80% en comprensión lectora a diciembre", temporal: temporal)
        #expect(g == GoalSentence(indicator: "comprensión lectora", baseline: "55%", target: "80%", date: LocalDate(year: 2027, month: 12, day: 31)))
    }

    @Test func wish() {
        let g = GoalSentence.read("que el 80% de los niños de 2do lea 50 palabras por minuto a fin de año", temporal: temporal)
        #expect(g.target == "80%" && g.baseline == nil)
        #expect(g.indicator == "% de los niños de 2do que lea 50 palabras por minuto")
        #expect(g.date == LocalDate(year: 2027, month: 12, day: 31))
    }

    @Test func hedged() {
        let g = GoalSentence.read("línea base como el 55% mas o menos, la meta es 80%", temporal: temporal)
        #expect(g == GoalSentence(indicator: nil, baseline: "55%", target: "80%", date: nil))
    }

    /// A figure with nothing saying what it is stays for the question asked.
    @Test func bareFigure() {
        #expect(GoalSentence.read("como el 55% mas o menos", temporal: temporal) == GoalSentence())
        #expect(GoalSentence.read("creo que como el 40%", temporal: temporal) == GoalSentence())
    }

    @Test func opensWithTheTarget() {
        let g = GoalSentence.read("80% de los niños leyendo fluido para diciembre", temporal: temporal)
        #expect(g == GoalSentence(indicator: "% de los niños leyendo fluido", baseline: nil, target: "80%", date: LocalDate(year: 2027, month: 12, day: 31)))
    }

    @Test func measureBeforeTheBaseline() {
        let g = GoalSentence.read("nuestra meta: 80% en comprension lectora a diciembre, partimos en 55%", temporal: temporal)
        #expect(g == GoalSentence(indicator: "comprension lectora", baseline: "55%", target: "80%", date: LocalDate(year: 2027, month: 12, day: 31)))
    }

    /// A rate after the figures is what is measured as said: no «que» inside it.
    @Test func rateWithoutGroup() {
        let g = GoalSentence.read("pasar de 30% a 20% de ausentismo cronico", temporal: temporal)
        #expect(g == GoalSentence(indicator: "% de ausentismo cronico", baseline: "30%", target: "20%", date: nil))
    }

    @Test func noFigure() {
        #expect(GoalSentence.read("familias que leen con sus hijos cada semana", temporal: temporal) == GoalSentence())
    }

    static let reports: [(String, String?, String?)] = [("ahora estamos en 62%", nil, "62%"), ("hicimos la medicion de diciembre y ahora el 62%", "hicimos la medicion de diciembre", "62%"),
                      ("ya vamos como en el 70 por ciento", nil, "70%"), ("aplicamos la prueba al 100% de los cursos", "aplicamos la prueba al 100% de los cursos", nil),
                      ("hicimos lectura en parejas", "hicimos lectura en parejas", nil),
                      ("el 50% de los cursos hizo lectura en parejas", "el 50% de los cursos hizo lectura en parejas", nil),
                      ("estamos en 62% mas o menos", nil, "62%")]

    @Test(arguments: reports)
    func progress(_ c: (String, String?, String?)) {
        let p = ObjectiveReading.progress(in: c.0)
        #expect(p.done == c.1 && p.figure == c.2, "\(c.0)")
    }
}
