/* time.c — what bench/run needs of GNU time, for machines without it: run a
 * command, then write "ELAPSED_SECONDS MAX_RSS_KB" to FILE (as `/usr/bin/time
 * -f '%e %M' -o FILE` does) and exit with the command's status.
 * Usage: bench_time FILE COMMAND [ARG]... */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_time FILE COMMAND [ARG]...\n");
        return 64;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 71;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0) {
        perror("waitpid");
        return 71;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* the largest resident set of any waited-for child, in KiB on Linux */
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 73;
    }
    fprintf(out, "%.2f %ld\n",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss);
    if (fclose(out) != 0)
        return 74;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
