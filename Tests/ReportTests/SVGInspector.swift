import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG document with Foundation's XMLParser and keeps its elements (name, attributes, text), so tests can
/// check both well-formedness and what was drawn.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
        /// The points of a polyline or polygon.
        var points: [(x: Double, y: Double)] {
            (attributes["points"] ?? "").split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").map { Double($0) ?? .nan }
                return (xy[0], xy[1])
            }
        }
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    let wellFormed: Bool
    let error: String

    init(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        wellFormed = parser.parse()
        error = parser.parserError.map { "\($0)" } ?? ""
        elements = collector.elements
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    var texts: [String] { all("text").map(\.text) }
    func text(_ s: String) -> Element? { all("text").first { $0.text == s } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes))
            open.append(elements.count - 1)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }
    }
}
