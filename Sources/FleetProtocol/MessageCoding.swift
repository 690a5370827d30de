/// A value the codec writes with `JSONWriter`. Messages write their fields with keys in sorted (UTF-8) order, the
/// order `JSONEncoder` with `.sortedKeys` gave, and leave out absent optionals, as its synthesized `encodeIfPresent`.
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension JSONValue: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.write(self) }
}

extension RawJSON: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.raw(text) }
}

extension Ready: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("host"); w.string(host)
        w.key("pid"); w.int(pid)
        w.key("threads"); w.int(threads)
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.key("worker"); w.string(worker)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(worker: try f.string("worker"), host: try f.string("host"), pid: try f.int("pid"), threads: try f.int("threads"))
    }
}

extension Heartbeat: JSONWritable {
    public func write(to w: inout JSONWriter) { writeEnvelopeOnly(type: type, v: v, to: &w) }
}

extension StatusRequest: JSONWritable {
    public func write(to w: inout JSONWriter) { writeEnvelopeOnly(type: type, v: v, to: &w) }
}

private func writeEnvelopeOnly(type: String, v: Int, to w: inout JSONWriter) {
    w.beginObject()
    w.key("type"); w.string(type)
    w.key("v"); w.int(v)
    w.endObject()
}

extension JobAssignment: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("attempt"); w.int(attempt)
        w.key("job"); job.write(to: &w)
        w.key("leaseSeconds"); w.double(leaseSeconds)
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(job: try Job(fields: try f.object("job")), attempt: try f.int("attempt"), leaseSeconds: try f.double("leaseSeconds"))
    }

    /// The `job` message for a job whose JSON (`Job`, as written by the codec) is stored as text: the payload is
    /// spliced in, never decoded and encoded again.
    public static func frame(jobJSON: String, attempt: Int, leaseSeconds: Double) -> [UInt8] {
        var w = JSONWriter(capacity: jobJSON.utf8.count + 80)
        w.beginObject()
        w.key("attempt"); w.int(attempt)
        w.key("job"); w.raw(jobJSON)
        w.key("leaseSeconds"); w.double(leaseSeconds)
        w.key("type"); w.string(MessageType.job.rawValue)
        w.key("v"); w.int(ProtocolVersion.current)
        w.endObject()
        return w.takeLine()
    }
}

extension Job: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(id)
        w.key("input"); w.write(input)
        w.key("kind"); w.string(kind.rawValue)
        w.key("seed"); w.uint64(seed)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(id: try f.string("id"), kind: try f.enumeration("kind", as: JobKind.self), seed: try f.uint64("seed"),
                  input: try f.value("input"))
    }
}

extension JobResultMessage: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("attempt"); w.int(attempt)
        if let failure {
            w.key("failure"); failure.write(to: &w)
        }
        w.key("jobId"); w.string(jobId)
        if let output {
            w.key("output"); w.raw(output.text)
        }
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        let jobId = try f.string("jobId"), attempt = try f.int("attempt")
        let failure = try f.optionalObject("failure").map { (o) throws(MessageCodec.Rejection) in try JobFailureReport(fields: o) }
        let output = f.raw("output")
        guard (output == nil) != (failure == nil) else {
            throw MessageCodec.Rejection(code: .malformed, message: "a result holds exactly one of \"output\" and \"failure\"")
        }
        if let failure { self.init(jobId: jobId, attempt: attempt, failure: failure) } else { self.init(jobId: jobId, attempt: attempt, rawOutput: output!) }
    }
}

extension JobFailureReport: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("final"); w.bool(final)
        w.key("reason"); w.string(reason)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(reason: try f.string("reason"), final: try f.bool("final"))
    }
}

extension ErrorReply: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("code"); w.string(code.rawValue)
        w.key("message"); w.string(message)
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(code: try f.enumeration("code", as: ErrorCode.self), message: try f.string("message"))
    }
}

extension Shutdown: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("reason"); w.string(reason)
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(reason: try f.string("reason"))
    }
}

extension StatusReport: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("duplicatesIgnored"); w.int(duplicatesIgnored)
        if let etaSeconds {
            w.key("etaSeconds"); w.double(etaSeconds)
        }
        w.key("failures")
        w.beginArray()
        for f in failures { f.write(to: &w) }
        w.endArray()
        w.key("finished"); w.bool(finished)
        w.key("jobs")
        w.beginObject()
        for (kind, byState) in jobs.sorted(by: { JSONWriter.keyPrecedes($0.key, $1.key) }) {
            w.key(kind)
            w.beginObject()
            for (state, n) in byState.sorted(by: { JSONWriter.keyPrecedes($0.key, $1.key) }) {
                w.key(state); w.int(n)
            }
            w.endObject()
        }
        w.endObject()
        w.key("rejectedMessages"); w.int(rejectedMessages)
        w.key("study"); w.string(study)
        w.key("throughput"); w.double(throughput)
        w.key("time"); w.double(time)
        w.key("type"); w.string(type)
        w.key("v"); w.int(v)
        w.key("workers")
        w.beginArray()
        for worker in workers { worker.write(to: &w) }
        w.endArray()
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        var jobs: [String: [String: Int]] = [:]
        for (kind, byState, _) in try f.object("jobs").allMembers() {
            guard let byState else { throw f.wrongType("jobs.\(kind)") }
            var counts: [String: Int] = [:]
            for (state, _, n) in try byState.allMembers() {
                guard let i = n.int64Value else { throw f.wrongType("jobs.\(kind).\(state)") }
                counts[state] = Int(i)
            }
            jobs[kind] = counts
        }
        var workers: [WorkerStatus] = []
        for o in try f.objects("workers") { workers.append(try WorkerStatus(fields: o)) }
        var failures: [FailureStatus] = []
        for o in try f.objects("failures") { failures.append(try FailureStatus(fields: o)) }
        self.init(study: try f.string("study"), time: try f.double("time"), jobs: jobs, workers: workers,
                  throughput: try f.double("throughput"), etaSeconds: try f.optionalDouble("etaSeconds"), failures: failures,
                  duplicatesIgnored: try f.int("duplicatesIgnored"), rejectedMessages: try f.int("rejectedMessages"),
                  finished: try f.bool("finished"))
    }
}

extension WorkerStatus: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        if let currentJob {
            w.key("currentJob"); w.string(currentJob)
        }
        w.key("host"); w.string(host)
        w.key("id"); w.string(id)
        w.key("jobsDone"); w.int(jobsDone)
        w.key("lastHeartbeat"); w.double(lastHeartbeat)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(id: try f.string("id"), host: try f.string("host"), currentJob: try f.optionalString("currentJob"),
                  jobsDone: try f.int("jobsDone"), lastHeartbeat: try f.double("lastHeartbeat"))
    }
}

extension FailureStatus: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("attempts"); w.int(attempts)
        w.key("jobId"); w.string(jobId)
        w.key("kind"); w.string(kind)
        w.key("reason"); w.string(reason)
        w.endObject()
    }

    init(fields f: MessageFields) throws(MessageCodec.Rejection) {
        self.init(jobId: try f.string("jobId"), kind: try f.string("kind"), reason: try f.string("reason"), attempts: try f.int("attempts"))
    }
}
