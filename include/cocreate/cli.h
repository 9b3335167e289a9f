/* cli.h — the command-line interface: parses arguments, runs a command,
 * prints messages on stderr and returns the process exit status (SPEC §5,
 * §6). The executable's main only calls this. */
#ifndef COCREATE_CLI_H
#define COCREATE_CLI_H

int cc_cli_main(int argc, char **argv);

#endif
