import GroundworkCore

/// Paths as text: the few operations Groundwork needs, without Foundation's `NSString`.
public enum Path {
    /// The directory part of `path`: `a/b.csv` -> `a`, `b.csv` -> `.`, `/b` -> `/`.
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last component of `path`: `a/b.csv` -> `b.csv`.
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `directory/name`, without doubling a slash.
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The stem of a file's name: `what-if.yaml` -> `what-if`, `.hidden` -> `.hidden`.
    public static func stem(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// A relative path resolved against the directory of the file that wrote it.
    public static func resolve(_ path: String, against file: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = lastComponent(of: file) == file ? "" : directory(of: file)
        return directory.isEmpty ? path : join(directory, path)
    }
}
