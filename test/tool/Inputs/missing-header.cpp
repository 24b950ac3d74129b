#include "no-such-header.h"

void f() {}
