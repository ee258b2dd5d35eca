/* data/glossary.tsv built into libizde (see lib/glossary.c). */
    .section .rodata
    .global izde_glossary_data
    .global izde_glossary_data_end
izde_glossary_data:
    .incbin GLOSSARY_FILE
izde_glossary_data_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
