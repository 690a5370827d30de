/// A self-contained HTML report (inline CSS and SVG, no scripts, no external files) that a browser opens
/// offline: a title, then sections of prose, tables and figures, with a contents list.
public struct HTMLReport: Sendable {
    public enum Block: Sendable {
        case paragraph(String)
        case table(Table)
        case figure(svg: String, caption: String)
        case note(String)
    }

    public struct Table: Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]

        public init(caption: String, header: [String], rows: [[String]]) {
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var blocks: [Block]

        public init(id: String, title: String, blocks: [Block]) {
            self.id = id
            self.title = title
            self.blocks = blocks
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
    th{background:#eef2f5}td:first-child,th:first-child{text-align:left}
    figure{display:inline-block;margin:10px 16px 10px 0;background:#fff;border:1px solid #dde;padding:6px}
    figcaption{font-size:12px;color:#555;max-width:560px}.note{background:#fff6e0;border-left:4px solid #e69f00;padding:8px 12px}
    """

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(SVGWriter.escape(title))</title>\n"
        out += "<style>\(Self.style)</style>\n</head>\n<body>\n<header><h1>\(SVGWriter.escape(title))</h1><p>\(SVGWriter.escape(subtitle))</p></header>\n"
        out += "<nav>" + sections.map { "<a href=\"#\(SVGWriter.escape($0.id))\">\(SVGWriter.escape($0.title))</a>" }.joined() + "</nav>\n<main>\n"
        for s in sections {
            out += "<section id=\"\(SVGWriter.escape(s.id))\">\n<h2>\(SVGWriter.escape(s.title))</h2>\n"
            for b in s.blocks {
                switch b {
                case let .paragraph(text):
                    out += "<p>\(SVGWriter.escape(text))</p>\n"
                case let .note(text):
                    out += "<p class=\"note\">\(SVGWriter.escape(text))</p>\n"
                case let .figure(svg, caption):
                    out += "<figure>\n\(svg)<figcaption>\(SVGWriter.escape(caption))</figcaption>\n</figure>\n"
                case let .table(t):
                    out += "<table>\n<caption>\(SVGWriter.escape(t.caption))</caption>\n<tr>"
                    out += t.header.map { "<th>\(SVGWriter.escape($0))</th>" }.joined() + "</tr>\n"
                    for row in t.rows { out += "<tr>" + row.map { "<td>\(SVGWriter.escape($0))</td>" }.joined() + "</tr>\n" }
                    out += "</table>\n"
                }
            }
            out += "</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }
}
