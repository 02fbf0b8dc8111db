#include "tests/host/death.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct stop run_until_stop(void (*fn)(void *arg), void *arg)
{
    struct stop s = { 0 };
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0)
        return s;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        fn(arg);
        fflush(stdout);
        _exit(0);
    }
    close(fds[1]);
    char out[4096];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof(out) - 1 && (n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = 0;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const char *line = strstr(out, "*** STOP: ");
    s.died = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && line &&
             sscanf(line, "*** STOP: 0x%lX (0x%lX,0x%lX,0x%lX,0x%lX)", &s.code, &s.p[0], &s.p[1], &s.p[2], &s.p[3]) == 5;
    return s;
}
