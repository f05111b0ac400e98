module argo-triggers.invalid/oracle/expr-v1.16.9

go 1.26

require github.com/expr-lang/expr v1.16.9
