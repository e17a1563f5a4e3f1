// Package mqini reads and writes IBM MQ stanza files: mqs.ini, the
// machine-wide registry of queue managers, and qm.ini, the configuration of
// one queue manager.
//
// # Format
//
// A stanza starts with its name and a colon at the start of a line
// ("QueueManager:"); its attributes follow as Key=Value lines, indented by
// three blanks when this package writes them. Lines whose first non-blank
// character is '#' or ';' are comments. A stanza name may repeat: mqs.ini has
// one QueueManager stanza per queue manager, and they are kept in order.
// Stanza names and keys match case-insensitively and are written as given.
// Blanks around keys and values are not significant.
//
// # Rewriting
//
// Comments, blank lines and untouched attribute lines are written back as
// they were read, so a File that is parsed and written unchanged reproduces
// its input (with "\n" line ends). Comment and blank lines between two
// stanzas belong to the stanza that follows them and go when it is removed.
//
// WriteFile replaces a file atomically: it writes a temporary file in the
// same directory, syncs it, renames it over the target and syncs the
// directory, so a crash leaves either the old or the new file. It does not
// lock; callers that read, modify and write a shared file (mqs.ini)
// serialise themselves.
package mqini
