/* placeholder: the learner runtime is written in its own step */
