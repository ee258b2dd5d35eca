/* schema/izde-issue.rng built into libizde (see lib/issue_xml.c). */
    .section .rodata
    .global izde_issue_schema_data
    .global izde_issue_schema_data_end
izde_issue_schema_data:
    .incbin ISSUE_SCHEMA_FILE
izde_issue_schema_data_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
