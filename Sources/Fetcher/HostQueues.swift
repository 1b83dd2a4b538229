/// Requests waiting for a transfer slot: one FIFO queue per host, and the hosts in turn.
struct HostQueues<Item> {
    /// A FIFO that pops from a moving head; the array is compacted when half of it is spent.
    private struct Queue {
        var items: [Item] = []
        var head = 0
        var isEmpty: Bool { head == items.count }

        mutating func pop() -> Item {
            let item = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return item
        }
    }

    private var queues: [String: Queue] = [:]
    /// Hosts with waiting requests, in the order they are served; `cursor` is where the next turn starts.
    private var hosts: [String] = []
    private var cursor = 0
    private(set) var count = 0

    mutating func append(_ item: Item, host: String) {
        if queues[host] == nil {
            queues[host] = Queue()
            hosts.append(host)
        }
        queues[host]!.items.append(item)
        count += 1
    }

    /// The oldest request of the next host (in turn) that `hasCapacity` accepts, or nil.
    mutating func next(where hasCapacity: (String) -> Bool) -> (String, Item)? {
        guard !hosts.isEmpty else { return nil }
        for step in 0..<hosts.count {
            let index = (cursor + step) % hosts.count
            let host = hosts[index]
            guard hasCapacity(host) else { continue }
            let item = queues[host]!.pop()
            count -= 1
            if queues[host]!.isEmpty {
                queues[host] = nil
                hosts.remove(at: index)
                cursor = hosts.isEmpty ? 0 : index % hosts.count
            } else {
                cursor = (index + 1) % hosts.count
            }
            return (host, item)
        }
        return nil
    }

    /// Takes out every waiting request that matches.
    mutating func remove(where matches: (Item) -> Bool) -> [Item] {
        var removed: [Item] = []
        for host in hosts {
            var queue = queues[host]!
            let pending = queue.items[queue.head...]
            removed += pending.filter(matches)
            queue.items = pending.filter { !matches($0) }
            queue.head = 0
            queues[host] = queue.items.isEmpty ? nil : queue
        }
        hosts.removeAll { queues[$0] == nil }
        cursor = 0
        count -= removed.count
        return removed
    }
}
