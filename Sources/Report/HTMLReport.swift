/// A self-contained HTML report (inline CSS and SVG, no scripts, no external files) that a browser opens
/// offline: a title, then sections of prose, tables and figures, with a contents list. The markup is also
/// well-formed XML (void elements closed, every text escaped), so tests and tools can parse it as XHTML.
public struct HTMLReport: Sendable {
    public enum Block: Sendable {
        case paragraph(String)
        case table(Table)
        /// An inline SVG figure; `id` (e.g. "figure-roc") lets the contents and readers point at it.
        case figure(svg: String, caption: String, id: String? = nil)
        case note(String)
        /// A collapsed list (`<details>`), e.g. the names of features left out.
        case details(summary: String, items: [String])
    }

    public struct Table: Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
        /// Leading columns of text, aligned left (the others hold numbers and align right).
        public var textColumns: Int

        public init(caption: String, header: [String], rows: [[String]], textColumns: Int = 1) {
            self.caption = caption
            self.header = header
            self.rows = rows
            self.textColumns = textColumns
        }
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var blocks: [Block]
        /// A section of one figure, laid out half-width so that two such sections sit side by side.
        public var compact: Bool

        public init(id: String, title: String, blocks: [Block], compact: Bool = false) {
            self.id = id
            self.title = title
            self.blocks = blocks
            self.compact = compact
        }
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section] = []

    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
    header{background:#0b3c5d;color:#fff;padding:24px 40px}header h1{margin:0 0 6px;font-size:26px}
    header p{margin:0;opacity:.85}nav{padding:12px 40px;background:#eef2f5;font-size:14px}
    nav a{margin-right:18px;color:#0b3c5d;text-decoration:none}main{padding:8px 40px 40px;max-width:1200px}
    section{margin-top:28px}h2{border-bottom:2px solid #0b3c5d;padding-bottom:4px;font-size:20px}
    table{border-collapse:collapse;margin:12px 0;font-size:13px;background:#fff}
    caption{text-align:left;font-weight:bold;padding:4px 0}th,td{border:1px solid #ccd;padding:4px 8px;text-align:right}
    th{background:#eef2f5}th.l,td.l{text-align:left}
    section.compact{display:inline-block;vertical-align:top;width:564px;margin-right:16px}section.compact figure{margin-right:0;box-sizing:border-box;max-width:100%}
    figure{display:inline-block;margin:10px 16px 10px 0;background:#fff;border:1px solid #dde;padding:6px}
    figure svg{display:block;max-width:100%;height:auto}figcaption{font-size:12px;color:#555;max-width:560px}
    details{margin:8px 0;font-size:13px}details ul{columns:3;font-family:monospace;font-size:12px}.note{background:#fff6e0;border-left:4px solid #e69f00;padding:8px 12px}
    """

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>\(SVGWriter.escape(title))</title>\n"
        out += "<style>\(Self.style)</style>\n</head>\n<body>\n<header><h1>\(SVGWriter.escape(title))</h1><p>\(SVGWriter.escape(subtitle))</p></header>\n"
        out += "<nav>" + sections.map { "<a href=\"#\(SVGWriter.escape($0.id))\">\(SVGWriter.escape($0.title))</a>" }.joined() + "</nav>\n<main>\n"
        for s in sections {
            out += "<section id=\"\(SVGWriter.escape(s.id))\"\(s.compact ? " class=\"compact\"" : "")>\n<h2>\(SVGWriter.escape(s.title))</h2>\n"
            for b in s.blocks {
                switch b {
                case let .paragraph(text):
                    out += "<p>\(SVGWriter.escape(text))</p>\n"
                case let .note(text):
                    out += "<p class=\"note\">\(SVGWriter.escape(text))</p>\n"
                case let .figure(svg, caption, id):
                    let idAttribute = id.map { " id=\"\(SVGWriter.escape($0))\"" } ?? ""
                    out += "<figure\(idAttribute)>\n\(svg)<figcaption>\(SVGWriter.escape(caption))</figcaption>\n</figure>\n"
                case let .details(summary, items):
                    out += "<details><summary>\(SVGWriter.escape(summary))</summary><ul>"
                        + items.map { "<li>\(SVGWriter.escape($0))</li>" }.joined() + "</ul></details>\n"
                case let .table(t):
                    out += "<table>\n<caption>\(SVGWriter.escape(t.caption))</caption>\n<tr>"
                    func cells(_ row: [String], _ tag: String) -> String {
                        row.enumerated().map { i, v in
                            "<\(tag)\(i < t.textColumns ? " class=\"l\"" : "")>\(SVGWriter.escape(v))</\(tag)>"
                        }.joined()
                    }
                    out += cells(t.header, "th") + "</tr>\n"
                    for row in t.rows { out += "<tr>" + cells(row, "td") + "</tr>\n" }
                    out += "</table>\n"
                }
            }
            out += "</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }
}
