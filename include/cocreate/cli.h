/* cli.h — the command-line interface of cocreate (SPEC §5, §6), a library
 * of its own over cocreate_core: it parses the arguments, runs a command,
 * prints results on stdout and messages on stderr, and returns the exit
 * status. The executable's main only calls it. */
#ifndef COCREATE_CLI_H
#define COCREATE_CLI_H

/* Runs the program with `argv` (argv[0] is ignored) and returns its exit
 * status, a sysexits.h code (cc_status). Side effects of a whole program
 * run: SIGPIPE is ignored, standard output is closed at the end (a late
 * write error is exit 74), so it is called once per process. Nothing is
 * written to stdout when the status is not 0. */
int cc_cli_main(int argc, char **argv);

#endif
