import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a store folder before a command uses it, so a problem is explained in words a
/// facilitator can act on: what is wrong (missing, not a folder, no permission) and what to do.
struct StorePath {
    /// Where the path came from: the message tells how to change it.
    enum Origin { case option, environment, `default` }

    let url: URL
    let origin: Origin

    private var path: String { url.path }

    private var howToChange: String {
        switch origin {
        case .option: "Revisa la ruta que diste con --store."
        case .environment: "Revisa la ruta de $MINGA_STORE, o indica otra con --store."
        case .default: "Indica otro almacén con --store o $MINGA_STORE."
        }
    }

    /// Why the store cannot be read (`export`), or nil when it can. Never creates anything.
    func problemForReading() -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT {
                return "No hay un almacén en \(path): la carpeta no existe. \(howToChange) "
                    + "(Para crear uno, conversa con «minga chat».)"
            }
            return "No puedo leer el almacén en \(path): \(Self.reason(errno)). \(howToChange)"
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            return "\(path) no es una carpeta, así que no puede ser un almacén. \(howToChange)"
        }
        guard access(path, R_OK | X_OK) == 0 else {
            return "No puedo leer el almacén en \(path): \(Self.reason(errno)). Pide permiso de lectura o \(howToChange.lowercasedFirst)"
        }
        let networks = url.appendingPathComponent("redes").path
        guard stat(networks, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            return "\(path) no es un almacén de Minga (no tiene la carpeta «redes»). \(howToChange)"
        }
        guard access(networks, R_OK | X_OK) == 0 else {
            return "No puedo leer \(networks): \(Self.reason(errno)). Pide permiso de lectura o \(howToChange.lowercasedFirst)"
        }
        return nil
    }

    /// Why the store cannot be created or written (`chat`, `serve`), or nil when it can. A store
    /// that does not exist yet is created (its folder only; FileStore lays out the rest).
    func problemForWriting() -> String? {
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else {
                return "\(path) no es una carpeta, así que no puede ser un almacén. \(howToChange)"
            }
            guard access(path, R_OK | W_OK | X_OK) == 0 else {
                return "No puedo escribir en el almacén \(path): \(Self.reason(errno)). "
                    + "Pide permiso de escritura o \(howToChange.lowercasedFirst)"
            }
            return nil
        }
        guard errno == ENOENT else {
            return "No puedo usar el almacén en \(path): \(Self.reason(errno)). \(howToChange)"
        }
        // A new store: create its folders here, one by one, so a refusal names the folder and why.
        var missing: [URL] = []
        var folder = url
        while stat(folder.path, &st) != 0 && errno == ENOENT && folder.path != "/" {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        for dir in missing.reversed() where mkdir(dir.path, 0o755) != 0 && errno != EEXIST {
            let code = errno
            let where_ = dir == url ? "" : " (al crear \(dir.path))"
            return "No pude crear el almacén en \(path)\(where_): \(Self.reason(code)). \(howToChange)"
        }
        return nil
    }

    /// A system error in Spanish.
    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "no tengo permiso"
        case EROFS: "el disco es de solo lectura"
        case ENOSPC: "no queda espacio en el disco"
        case EDQUOT: "se acabó tu cuota de disco"
        case ENOTDIR: "una parte de la ruta es un archivo, no una carpeta"
        case ENOENT: "no existe"
        case ELOOP: "la ruta tiene demasiados enlaces simbólicos"
        case ENAMETOOLONG: "la ruta es demasiado larga"
        case EIO: "error de lectura o escritura del disco"
        default: String(cString: strerror(code))
        }
    }
}

extension String {
    /// The text with its first letter in lower case, to continue a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
