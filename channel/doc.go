// Package channel will hold the message channel agents: sender, receiver,
// server and requester channels that move messages from transmission
// queues to partner queue managers in batches, with sequence numbers and
// in-doubt resolution. It is empty in this release: queue managers do not
// exchange messages yet (DEFINE CHANNEL stores definitions; START CHANNEL
// answers that it is not available in this release).
package channel
