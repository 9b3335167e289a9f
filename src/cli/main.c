/* main.c — the cocreate program: everything happens in the CLI library (cli.h). */
#include "cocreate/cli.h"

int main(int argc, char **argv)
{
    return cc_cli_main(argc, argv);
}
