public final class ConsumerApplication { var json: JSONValue { [:] } }
