package dev.portwatch.os.linux;

/**
 * One socket of a kernel table: where its addresses and state are (a text line of {@code /proc/net}, or a netlink
 * record when {@code binary}), and its inode. The bytes are the reader's buffer, valid until its next read.
 *
 * @param table  the table the socket is in
 * @param text   the buffer holding the socket
 * @param from   where the socket's identifying bytes start
 * @param to     where they end (exclusive)
 * @param inode  the socket's inode; 0 when the kernel gave none
 * @param binary true for a netlink record, false for a {@code /proc/net} text line
 */
record SocketLine(SocketTable table, byte[] text, int from, int to, long inode, boolean binary) {
}
