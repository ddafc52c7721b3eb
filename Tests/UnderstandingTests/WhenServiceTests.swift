import CivilTime
import Foundation
import Testing
@testable import Understanding

struct WhenServiceTests {
    let service = WhenService(timeZone: .santiago, now: LocalDateTime(iso: "2026-11-25T10:00")!.instant(in: .santiago))

    /// Single texts give one object per kind, with exactly the contract's keys.
    @Test(arguments: [
        ("mañana", #"{"kind":"date","date":"2026-11-26","text":"mañana"}"#),
        ("a las 3", #"{"kind":"time","time":"15:00","text":"a las 3"}"#),
        ("nos juntamos el martes a las 4 de la tarde",
         #"{"kind":"datetime","date":"2026-12-01","time":"16:00","start":"2026-12-01T16:00","text":"el martes a las 4 de la tarde"}"#),
        ("del 3 al 5 de marzo", #"{"kind":"daterange","start":"2027-03-03","end":"2027-03-05","text":"del 3 al 5 de marzo"}"#),
        ("de 5 a 6 pm", #"{"kind":"timerange","start":"17:00","end":"18:00","text":"de 5 a 6 pm"}"#),
        ("en la tarde", #"{"kind":"timerange","start":"14:00","end":"18:00","text":"en la tarde"}"#),
        ("mañana de 3 a 4", #"{"kind":"datetimerange","start":"2026-11-26T15:00","end":"2026-11-26T16:00","text":"mañana de 3 a 4"}"#),
        ("el primer miércoles de cada mes", #"{"kind":"recurrence","rrule":"FREQ=MONTHLY;BYDAY=1WE","text":"el primer miércoles de cada mes"}"#),
        ("todos los martes a las 16", #"{"kind":"recurrence","time":"16:00","rrule":"FREQ=WEEKLY;BYDAY=TU","text":"todos los martes a las 16"}"#),
        ("los jueves de 15 a 17 hrs", #"{"kind":"recurrence","start":"15:00","end":"17:00","rrule":"FREQ=WEEKLY;BYDAY=TH","text":"los jueves de 15 a 17 hrs"}"#),
        ("hola", #"{"error":"No encontré una fecha ni una hora en el texto."}"#),
    ])
    func single(_ c: (String, String)) { #expect(service.respond(text: c.0) == c.1) }

    /// JSON lines keep the id exactly as given and honour a per-line `now`.
    @Test func lines() {
        #expect(service.respond(line: #"{"id":1,"text":"mañana","now":"2026-12-31T09:00:00"}"#)
                == #"{"id":1,"kind":"date","date":"2027-01-01","text":"mañana"}"#)
        #expect(service.respond(line: #"{"id":"m-17","text":"el viernes"}"#)
                == #"{"id":"m-17","kind":"date","date":"2026-11-27","text":"el viernes"}"#)
        #expect(service.respond(line: #"{"text":"15/12","id":2.50}"#)
                == #"{"id":2.50,"kind":"date","date":"2026-12-15","text":"15/12"}"#)
        #expect(service.respond(line: #"{"id":3,"text":"nada que ver"}"#)
                == #"{"id":3,"error":"No encontré una fecha ni una hora en el texto."}"#)
        #expect(service.respond(line: #"{"id":4,"text":"hoy","now":"ayer"}"#)
                == #"{"id":4,"error":"No entendí el campo \"now\" (usa 2026-11-25T10:00:00)."}"#)
        #expect(service.respond(line: #"{"id":5}"#) == #"{"id":5,"error":"Falta el campo \"text\"."}"#)
        #expect(service.respond(line: "{no es json") == #"{"id":null,"error":"La línea no es un objeto JSON válido."}"#)
        #expect(service.respond(line: "   ") == nil)
        #expect(service.respond(line: #"{"id":[1,{"a":"b"}],"text":"\u00e1 las 3 \"ya\""}"#)
                == #"{"id":[1,{"a":"b"}],"kind":"time","time":"15:00","text":"á las 3"}"#)
    }

    /// The matched words are escaped as JSON.
    @Test func escaping() {
        #expect(WhenService.quote("a\"b\\c\nd\u{01}é") == #""a\"b\\c\nd\u0001é""#)
    }
}
