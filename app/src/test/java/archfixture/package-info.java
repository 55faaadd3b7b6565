/**
 * Planted violations of portwatch's architecture rules, laid out like {@code dev.portwatch} (ui, cli, core, os,
 * model). Only {@code dev.portwatch.ArchitectureSelfTest} reads these classes, as bytecode; nothing runs them.
 */
package archfixture;
