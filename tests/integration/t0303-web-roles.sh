#!/bin/sh
. "$KHIPU_LIB"
ok placeholder
done_testing
