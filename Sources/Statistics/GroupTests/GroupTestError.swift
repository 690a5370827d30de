/// Why a two-group (or k-group) test could not be computed; the cases are R's `stop()` messages
/// in `t.test`, `wilcox.test`, `chisq.test`, `fisher.test` and `kruskal.test`.
public enum GroupTestError: Error, Equatable, Sendable {
    /// A group has fewer (non-missing) observations than the test needs ("not enough 'x' observations").
    case notEnoughObservations(group: Int, count: Int, needed: Int)
    /// The standard error is below 10·ε·max|mean| ("data are essentially constant").
    case essentiallyConstant
    /// A contingency table entry is negative or not finite, or the table is empty.
    case invalidTable(String)
    /// An exact enumeration would visit more tables than the caller allowed.
    case tooManyTables(limit: Int)
    /// A variable's values and the group labels differ in length.
    case lengthMismatch(variable: String, values: Int, labels: Int)
}
