// Written by scripts/generate-check-tables.py: do not edit.

/// The Allen Mouse Brain Atlas structures (CCF ontology, structure graph 1 of api.brain-map.org), as
/// nwbinspector 0.7.2 ships them: one "acronym<TAB>name" line each, 1327 structures.
enum AllenCCFStructures {
    static let version = "structure graph 1, as in nwbinspector 0.7.2"

    static let table = """
        root	root
        grey	Basic cell groups and regions
        CH	Cerebrum
        CTX	Cerebral cortex
        CTXpl	Cortical plate
        Isocortex	Isocortex
        FRP	Frontal pole, cerebral cortex
        FRP1	Frontal pole, layer 1
        FRP2/3	Frontal pole, layer 2/3
        FRP5	Frontal pole, layer 5
        FRP6a	Frontal pole, layer 6a
        FRP6b	Frontal pole, layer 6b
        MO	Somatomotor areas
        MO1	Somatomotor areas, Layer 1
        MO2/3	Somatomotor areas, Layer 2/3
        MO5	Somatomotor areas, Layer 5
        MO6a	Somatomotor areas, Layer 6a
        MO6b	Somatomotor areas, Layer 6b
        MOp	Primary motor area
        MOp1	Primary motor area, Layer 1
        MOp2/3	Primary motor area, Layer 2/3
        MOp5	Primary motor area, Layer 5
        MOp6a	Primary motor area, Layer 6a
        MOp6b	Primary motor area, Layer 6b
        MOs	Secondary motor area
        MOs1	Secondary motor area, layer 1
        MOs2/3	Secondary motor area, layer 2/3
        MOs5	Secondary motor area, layer 5
        MOs6a	Secondary motor area, layer 6a
        MOs6b	Secondary motor area, layer 6b
        SS	Somatosensory areas
        SS1	Somatosensory areas, layer 1
        SS2/3	Somatosensory areas, layer 2/3
        SS4	Somatosensory areas, layer 4
        SS5	Somatosensory areas, layer 5
        SS6a	Somatosensory areas, layer 6a
        SS6b	Somatosensory areas, layer 6b
        SSp	Primary somatosensory area
        SSp1	Primary somatosensory area, layer 1
        SSp2/3	Primary somatosensory area, layer 2/3
        SSp4	Primary somatosensory area, layer 4
        SSp5	Primary somatosensory area, layer 5
        SSp6a	Primary somatosensory area, layer 6a
        SSp6b	Primary somatosensory area, layer 6b
        SSp-n	Primary somatosensory area, nose
        SSp-n1	Primary somatosensory area, nose, layer 1
        SSp-n2/3	Primary somatosensory area, nose, layer 2/3
        SSp-n4	Primary somatosensory area, nose, layer 4
        SSp-n5	Primary somatosensory area, nose, layer 5
        SSp-n6a	Primary somatosensory area, nose, layer 6a
        SSp-n6b	Primary somatosensory area, nose, layer 6b
        SSp-bfd	Primary somatosensory area, barrel field
        SSp-bfd1	Primary somatosensory area, barrel field, layer 1
        SSp-bfd2/3	Primary somatosensory area, barrel field, layer 2/3
        SSp-bfd4	Primary somatosensory area, barrel field, layer 4
        SSp-bfd5	Primary somatosensory area, barrel field, layer 5
        SSp-bfd6a	Primary somatosensory area, barrel field, layer 6a
        SSp-bfd6b	Primary somatosensory area, barrel field, layer 6b
        VISrll	Rostrolateral lateral visual area
        VISrll1	Rostrolateral lateral visual area, layer 1
        VISrll2/3	Rostrolateral lateral visual area, layer 2/3
        VISrll4	Rostrolateral lateral visual area, layer 4
        VISrll5	Rostrolateral lateral visual area,layer 5
        VISrll6a	Rostrolateral lateral visual area, layer 6a
        VISrll6b	Rostrolateral lateral visual area, layer 6b
        SSp-ll	Primary somatosensory area, lower limb
        SSp-ll1	Primary somatosensory area, lower limb, layer 1
        SSp-ll2/3	Primary somatosensory area, lower limb, layer 2/3
        SSp-ll4	Primary somatosensory area, lower limb, layer 4
        SSp-ll5	Primary somatosensory area, lower limb, layer 5
        SSp-ll6a	Primary somatosensory area, lower limb, layer 6a
        SSp-ll6b	Primary somatosensory area, lower limb, layer 6b
        SSp-m	Primary somatosensory area, mouth
        SSp-m1	Primary somatosensory area, mouth, layer 1
        SSp-m2/3	Primary somatosensory area, mouth, layer 2/3
        SSp-m4	Primary somatosensory area, mouth, layer 4
        SSp-m5	Primary somatosensory area, mouth, layer 5
        SSp-m6a	Primary somatosensory area, mouth, layer 6a
        SSp-m6b	Primary somatosensory area, mouth, layer 6b
        SSp-ul	Primary somatosensory area, upper limb
        SSp-ul1	Primary somatosensory area, upper limb, layer 1
        SSp-ul2/3	Primary somatosensory area, upper limb, layer 2/3
        SSp-ul4	Primary somatosensory area, upper limb, layer 4
        SSp-ul5	Primary somatosensory area, upper limb, layer 5
        SSp-ul6a	Primary somatosensory area, upper limb, layer 6a
        SSp-ul6b	Primary somatosensory area, upper limb, layer 6b
        SSp-tr	Primary somatosensory area, trunk
        SSp-tr1	Primary somatosensory area, trunk, layer 1
        SSp-tr2/3	Primary somatosensory area, trunk, layer 2/3
        SSp-tr4	Primary somatosensory area, trunk, layer 4
        SSp-tr5	Primary somatosensory area, trunk, layer 5
        SSp-tr6a	Primary somatosensory area, trunk, layer 6a
        SSp-tr6b	Primary somatosensory area, trunk, layer 6b
        SSp-un	Primary somatosensory area, unassigned
        SSp-un1	Primary somatosensory area, unassigned, layer 1
        SSp-un2/3	Primary somatosensory area, unassigned, layer 2/3
        SSp-un4	Primary somatosensory area, unassigned, layer 4
        SSp-un5	Primary somatosensory area, unassigned, layer 5
        SSp-un6a	Primary somatosensory area, unassigned, layer 6a
        SSp-un6b	Primary somatosensory area, unassigned, layer 6b
        SSs	Supplemental somatosensory area
        SSs1	Supplemental somatosensory area, layer 1
        SSs2/3	Supplemental somatosensory area, layer 2/3
        SSs4	Supplemental somatosensory area, layer 4
        SSs5	Supplemental somatosensory area, layer 5
        SSs6a	Supplemental somatosensory area, layer 6a
        SSs6b	Supplemental somatosensory area, layer 6b
        GU	Gustatory areas
        GU1	Gustatory areas, layer 1
        GU2/3	Gustatory areas, layer 2/3
        GU4	Gustatory areas, layer 4
        GU5	Gustatory areas, layer 5
        GU6a	Gustatory areas, layer 6a
        GU6b	Gustatory areas, layer 6b
        VISC	Visceral area
        VISC1	Visceral area, layer 1
        VISC2/3	Visceral area, layer 2/3
        VISC4	Visceral area, layer 4
        VISC5	Visceral area, layer 5
        VISC6a	Visceral area, layer 6a
        VISC6b	Visceral area, layer 6b
        AUD	Auditory areas
        AUDd	Dorsal auditory area
        AUDd1	Dorsal auditory area, layer 1
        AUDd2/3	Dorsal auditory area, layer 2/3
        AUDd4	Dorsal auditory area, layer 4
        AUDd5	Dorsal auditory area, layer 5
        AUDd6a	Dorsal auditory area, layer 6a
        AUDd6b	Dorsal auditory area, layer 6b
        VISlla	Laterolateral anterior visual area
        VISlla1	Laterolateral anterior visual area, layer 1
        VISlla2/3	Laterolateral anterior visual area, layer 2/3
        VISlla4	Laterolateral anterior visual area, layer 4
        VISlla5	Laterolateral anterior visual area,layer 5
        VISlla6a	Laterolateral anterior visual area, layer 6a
        VISlla6b	Laterolateral anterior visual area, layer 6b
        AUDp	Primary auditory area
        AUDp1	Primary auditory area, layer 1
        AUDp2/3	Primary auditory area, layer 2/3
        AUDp4	Primary auditory area, layer 4
        AUDp5	Primary auditory area, layer 5
        AUDp6a	Primary auditory area, layer 6a
        AUDp6b	Primary auditory area, layer 6b
        AUDpo	Posterior auditory area
        AUDpo1	Posterior auditory area, layer 1
        AUDpo2/3	Posterior auditory area, layer 2/3
        AUDpo4	Posterior auditory area, layer 4
        AUDpo5	Posterior auditory area, layer 5
        AUDpo6a	Posterior auditory area, layer 6a
        AUDpo6b	Posterior auditory area, layer 6b
        AUDv	Ventral auditory area
        AUDv1	Ventral auditory area, layer 1
        AUDv2/3	Ventral auditory area, layer 2/3
        AUDv4	Ventral auditory area, layer 4
        AUDv5	Ventral auditory area, layer 5
        AUDv6a	Ventral auditory area, layer 6a
        AUDv6b	Ventral auditory area, layer 6b
        VIS	Visual areas
        VIS1	Visual areas, layer 1
        VIS2/3	Visual areas, layer 2/3
        VIS4	Visual areas, layer 4
        VIS5	Visual areas, layer 5
        VIS6a	Visual areas, layer 6a
        VIS6b	Visual areas, layer 6b
        VISal	Anterolateral visual area
        VISal1	Anterolateral visual area, layer 1
        VISal2/3	Anterolateral visual area, layer 2/3
        VISal4	Anterolateral visual area, layer 4
        VISal5	Anterolateral visual area, layer 5
        VISal6a	Anterolateral visual area, layer 6a
        VISal6b	Anterolateral visual area, layer 6b
        VISam	Anteromedial visual area
        VISam1	Anteromedial visual area, layer 1
        VISam2/3	Anteromedial visual area, layer 2/3
        VISam4	Anteromedial visual area, layer 4
        VISam5	Anteromedial visual area, layer 5
        VISam6a	Anteromedial visual area, layer 6a
        VISam6b	Anteromedial visual area, layer 6b
        VISl	Lateral visual area
        VISl1	Lateral visual area, layer 1
        VISl2/3	Lateral visual area, layer 2/3
        VISl4	Lateral visual area, layer 4
        VISl5	Lateral visual area, layer 5
        VISl6a	Lateral visual area, layer 6a
        VISl6b	Lateral visual area, layer 6b
        VISp	Primary visual area
        VISp1	Primary visual area, layer 1
        VISp2/3	Primary visual area, layer 2/3
        VISp4	Primary visual area, layer 4
        VISp5	Primary visual area, layer 5
        VISp6a	Primary visual area, layer 6a
        VISp6b	Primary visual area, layer 6b
        VISpl	Posterolateral visual area
        VISpl1	Posterolateral visual area, layer 1
        VISpl2/3	Posterolateral visual area, layer 2/3
        VISpl4	Posterolateral visual area, layer 4
        VISpl5	Posterolateral visual area, layer 5
        VISpl6a	Posterolateral visual area, layer 6a
        VISpl6b	Posterolateral visual area, layer 6b
        VISpm	posteromedial visual area
        VISpm1	posteromedial visual area, layer 1
        VISpm2/3	posteromedial visual area, layer 2/3
        VISpm4	posteromedial visual area, layer 4
        VISpm5	posteromedial visual area, layer 5
        VISpm6a	posteromedial visual area, layer 6a
        VISpm6b	posteromedial visual area, layer 6b
        VISli	Laterointermediate area
        VISli1	Laterointermediate area, layer 1
        VISli2/3	Laterointermediate area, layer 2/3
        VISli4	Laterointermediate area, layer 4
        VISli5	Laterointermediate area, layer 5
        VISli6a	Laterointermediate area, layer 6a
        VISli6b	Laterointermediate area, layer 6b
        VISpor	Postrhinal area
        VISpor1	Postrhinal area, layer 1
        VISpor2/3	Postrhinal area, layer 2/3
        VISpor4	Postrhinal area, layer 4
        VISpor5	Postrhinal area, layer 5
        VISpor6a	Postrhinal area, layer 6a
        VISpor6b	Postrhinal area, layer 6b
        ACA	Anterior cingulate area
        ACA1	Anterior cingulate area, layer 1
        ACA2/3	Anterior cingulate area, layer 2/3
        ACA5	Anterior cingulate area, layer 5
        ACA6a	Anterior cingulate area, layer 6a
        ACA6b	Anterior cingulate area, layer 6b
        ACAd	Anterior cingulate area, dorsal part
        ACAd1	Anterior cingulate area, dorsal part, layer 1
        ACAd2/3	Anterior cingulate area, dorsal part, layer 2/3
        ACAd5	Anterior cingulate area, dorsal part, layer 5
        ACAd6a	Anterior cingulate area, dorsal part, layer 6a
        ACAd6b	Anterior cingulate area, dorsal part, layer 6b
        ACAv	Anterior cingulate area, ventral part
        ACAv1	Anterior cingulate area, ventral part, layer 1
        ACAv2/3	Anterior cingulate area, ventral part, layer 2/3
        ACAv5	Anterior cingulate area, ventral part, layer 5
        ACAv6a	Anterior cingulate area, ventral part, 6a
        ACAv6b	Anterior cingulate area, ventral part, 6b
        PL	Prelimbic area
        PL1	Prelimbic area, layer 1
        PL2	Prelimbic area, layer 2
        PL2/3	Prelimbic area, layer 2/3
        PL5	Prelimbic area, layer 5
        PL6a	Prelimbic area, layer 6a
        PL6b	Prelimbic area, layer 6b
        ILA	Infralimbic area
        ILA1	Infralimbic area, layer 1
        ILA2	Infralimbic area, layer 2
        ILA2/3	Infralimbic area, layer 2/3
        ILA5	Infralimbic area, layer 5
        ILA6a	Infralimbic area, layer 6a
        ILA6b	Infralimbic area, layer 6b
        ORB	Orbital area
        ORB1	Orbital area, layer 1
        ORB2/3	Orbital area, layer 2/3
        ORB5	Orbital area, layer 5
        ORB6a	Orbital area, layer 6a
        ORB6b	Orbital area, layer 6b
        ORBl	Orbital area, lateral part
        ORBl1	Orbital area, lateral part, layer 1
        ORBl2/3	Orbital area, lateral part, layer 2/3
        ORBl5	Orbital area, lateral part, layer 5
        ORBl6a	Orbital area, lateral part, layer 6a
        ORBl6b	Orbital area, lateral part, layer 6b
        ORBm	Orbital area, medial part
        ORBm1	Orbital area, medial part, layer 1
        ORBm2	Orbital area, medial part, layer 2
        ORBm2/3	Orbital area, medial part, layer 2/3
        ORBm5	Orbital area, medial part, layer 5
        ORBm6a	Orbital area, medial part, layer 6a
        ORBm6b	Orbital area, medial part, layer 6b
        ORBv	Orbital area, ventral part
        ORBvl	Orbital area, ventrolateral part
        ORBvl1	Orbital area, ventrolateral part, layer 1
        ORBvl2/3	Orbital area, ventrolateral part, layer 2/3
        ORBvl5	Orbital area, ventrolateral part, layer 5
        ORBvl6a	Orbital area, ventrolateral part, layer 6a
        ORBvl6b	Orbital area, ventrolateral part, layer 6b
        AI	Agranular insular area
        AId	Agranular insular area, dorsal part
        AId1	Agranular insular area, dorsal part, layer 1
        AId2/3	Agranular insular area, dorsal part, layer 2/3
        AId5	Agranular insular area, dorsal part, layer 5
        AId6a	Agranular insular area, dorsal part, layer 6a
        AId6b	Agranular insular area, dorsal part, layer 6b
        AIp	Agranular insular area, posterior part
        AIp1	Agranular insular area, posterior part, layer 1
        AIp2/3	Agranular insular area, posterior part, layer 2/3
        AIp5	Agranular insular area, posterior part, layer 5
        AIp6a	Agranular insular area, posterior part, layer 6a
        AIp6b	Agranular insular area, posterior part, layer 6b
        AIv	Agranular insular area, ventral part
        AIv1	Agranular insular area, ventral part, layer 1
        AIv2/3	Agranular insular area, ventral part, layer 2/3
        AIv5	Agranular insular area, ventral part, layer 5
        AIv6a	Agranular insular area, ventral part, layer 6a
        AIv6b	Agranular insular area, ventral part, layer 6b
        RSP	Retrosplenial area
        RSPagl	Retrosplenial area, lateral agranular part
        RSPagl1	Retrosplenial area, lateral agranular part, layer 1
        RSPagl2/3	Retrosplenial area, lateral agranular part, layer 2/3
        RSPagl5	Retrosplenial area, lateral agranular part, layer 5
        RSPagl6a	Retrosplenial area, lateral agranular part, layer 6a
        RSPagl6b	Retrosplenial area, lateral agranular part, layer 6b
        VISmma	Mediomedial anterior visual area
        VISmma1	Mediomedial anterior visual area, layer 1
        VISmma2/3	Mediomedial anterior visual area, layer 2/3
        VISmma4	Mediomedial anterior visual area, layer 4
        VISmma5	Mediomedial anterior visual area,layer 5
        VISmma6a	Mediomedial anterior visual area, layer 6a
        VISmma6b	Mediomedial anterior visual area, layer 6b
        VISmmp	Mediomedial posterior visual area
        VISmmp1	Mediomedial posterior visual area, layer 1
        VISmmp2/3	Mediomedial posterior visual area, layer 2/3
        VISmmp4	Mediomedial posterior visual area, layer 4
        VISmmp5	Mediomedial posterior visual area,layer 5
        VISmmp6a	Mediomedial posterior visual area, layer 6a
        VISmmp6b	Mediomedial posterior visual area, layer 6b
        VISm	Medial visual area
        VISm1	Medial visual area, layer 1
        VISm2/3	Medial visual area, layer 2/3
        VISm4	Medial visual area, layer 4
        VISm5	Medial visual area,layer 5
        VISm6a	Medial visual area, layer 6a
        VISm6b	Medial visual area, layer 6b
        RSPd	Retrosplenial area, dorsal part
        RSPd1	Retrosplenial area, dorsal part, layer 1
        RSPd2/3	Retrosplenial area, dorsal part, layer 2/3
        RSPd4	Retrosplenial area, dorsal part, layer 4
        RSPd5	Retrosplenial area, dorsal part, layer 5
        RSPd6a	Retrosplenial area, dorsal part, layer 6a
        RSPd6b	Retrosplenial area, dorsal part, layer 6b
        RSPv	Retrosplenial area, ventral part
        RSPv1	Retrosplenial area, ventral part, layer 1
        RSPv2	Retrosplenial area, ventral part, layer 2
        RSPv2/3	Retrosplenial area, ventral part, layer 2/3
        RSPv5	Retrosplenial area, ventral part, layer 5
        RSPv6a	Retrosplenial area, ventral part, layer 6a
        RSPv6b	Retrosplenial area, ventral part, layer 6b
        PTLp	Posterior parietal association areas
        PTLp1	Posterior parietal association areas, layer 1
        PTLp2/3	Posterior parietal association areas, layer 2/3
        PTLp4	Posterior parietal association areas, layer 4
        PTLp5	Posterior parietal association areas, layer 5
        PTLp6a	Posterior parietal association areas, layer 6a
        PTLp6b	Posterior parietal association areas, layer 6b
        VISa	Anterior area
        VISa1	Anterior area, layer 1
        VISa2/3	Anterior area, layer 2/3
        VISa4	Anterior area, layer 4
        VISa5	Anterior area, layer 5
        VISa6a	Anterior area, layer 6a
        VISa6b	Anterior area, layer 6b
        VISrl	Rostrolateral visual area
        VISrl1	Rostrolateral area, layer 1
        VISrl2/3	Rostrolateral area, layer 2/3
        VISrl4	Rostrolateral area, layer 4
        VISrl5	Rostrolateral area, layer 5
        VISrl6a	Rostrolateral area, layer 6a
        VISrl6b	Rostrolateral area, layer 6b
        TEa	Temporal association areas
        TEa1	Temporal association areas, layer 1
        TEa2/3	Temporal association areas, layer 2/3
        TEa4	Temporal association areas, layer 4
        TEa5	Temporal association areas, layer 5
        TEa6a	Temporal association areas, layer 6a
        TEa6b	Temporal association areas, layer 6b
        PERI	Perirhinal area
        PERI1	Perirhinal area, layer 1
        PERI2/3	Perirhinal area, layer 2/3
        PERI5	Perirhinal area, layer 5
        PERI6a	Perirhinal area, layer 6a
        PERI6b	Perirhinal area, layer 6b
        ECT	Ectorhinal area
        ECT1	Ectorhinal area/Layer 1
        ECT2/3	Ectorhinal area/Layer 2/3
        ECT5	Ectorhinal area/Layer 5
        ECT6a	Ectorhinal area/Layer 6a
        ECT6b	Ectorhinal area/Layer 6b
        OLF	Olfactory areas
        MOB	Main olfactory bulb
        MOBgl	Main olfactory bulb, glomerular layer
        MOBgr	Main olfactory bulb, granule layer
        MOBipl	Main olfactory bulb, inner plexiform layer
        MOBmi	Main olfactory bulb, mitral layer
        MOBopl	Main olfactory bulb, outer plexiform layer
        AOB	Accessory olfactory bulb
        AOBgl	Accessory olfactory bulb, glomerular layer
        AOBgr	Accessory olfactory bulb, granular layer
        AOBmi	Accessory olfactory bulb, mitral layer
        AON	Anterior olfactory nucleus
        AONd	Anterior olfactory nucleus, dorsal part
        AONe	Anterior olfactory nucleus, external part
        AONl	Anterior olfactory nucleus, lateral part
        AONm	Anterior olfactory nucleus, medial part
        AONpv	Anterior olfactory nucleus, posteroventral part
        AON1	Anterior olfactory nucleus, layer 1
        AON2	Anterior olfactory nucleus, layer 2
        TT	Taenia tecta
        TTd	Taenia tecta, dorsal part
        TTd1-4	Taenia tecta, dorsal part, layers 1-4
        TTd1	Taenia tecta, dorsal part, layer 1
        TTd2	Taenia tecta, dorsal part, layer 2
        TTd3	Taenia tecta, dorsal part, layer 3
        TTd4	Taenia tecta, dorsal part, layer 4
        TTv	Taenia tecta, ventral part
        TTv1-3	Taenia tecta, ventral part, layers 1-3
        TTv1	Taenia tecta, ventral part, layer 1
        TTv2	Taenia tecta, ventral part, layer 2
        TTv3	Taenia tecta, ventral part, layer 3
        DP	Dorsal peduncular area
        DP1	Dorsal peduncular area, layer 1
        DP2	Dorsal peduncular area, layer 2
        DP2/3	Dorsal peduncular area, layer 2/3
        DP5	Dorsal peduncular area, layer 5
        DP6a	Dorsal peduncular area, layer 6a
        PIR	Piriform area
        PIR1-3	Piriform area, layers 1-3
        PIR1	Piriform area, molecular layer
        PIR2	Piriform area, pyramidal layer
        PIR3	Piriform area, polymorph layer
        NLOT	Nucleus of the lateral olfactory tract
        NLOT1-3	Nucleus of the lateral olfactory tract, layers 1-3
        NLOT1	Nucleus of the lateral olfactory tract, molecular layer
        NLOT2	Nucleus of the lateral olfactory tract, pyramidal layer
        NLOT3	Nucleus of the lateral olfactory tract, layer 3
        COA	Cortical amygdalar area
        COAa	Cortical amygdalar area, anterior part
        COAa1	Cortical amygdalar area, anterior part, layer 1
        COAa2	Cortical amygdalar area, anterior part, layer 2
        COAa3	Cortical amygdalar area, anterior part, layer 3
        COAp	Cortical amygdalar area, posterior part
        COApl	Cortical amygdalar area, posterior part, lateral zone
        COApl1-2	Cortical amygdalar area, posterior part, lateral zone, layers 1-2
        COApl1-3	Cortical amygdalar area, posterior part, lateral zone, layers 1-3
        COApl1	Cortical amygdalar area, posterior part, lateral zone, layer 1
        COApl2	Cortical amygdalar area, posterior part, lateral zone, layer 2
        COApl3	Cortical amygdalar area, posterior part, lateral zone, layer 3
        COApm	Cortical amygdalar area, posterior part, medial zone
        COApm1-2	Cortical amygdalar area, posterior part, medial zone, layers 1-2
        COApm1-3	Cortical amygdalar area, posterior part, medial zone, layers 1-3
        COApm1	Cortical amygdalar area, posterior part, medial zone, layer 1
        COApm2	Cortical amygdalar area, posterior part, medial zone, layer 2
        COApm3	Cortical amygdalar area, posterior part, medial zone, layer 3
        PAA	Piriform-amygdalar area
        PAA1-3	Piriform-amygdalar area, layers 1-3
        PAA1	Piriform-amygdalar area, molecular layer
        PAA2	Piriform-amygdalar area, pyramidal layer
        PAA3	Piriform-amygdalar area, polymorph layer
        TR	Postpiriform transition area
        TR1-3	Postpiriform transition area, layers 1-3
        TR1	Postpiriform transition area, layers 1
        TR2	Postpiriform transition area, layers 2
        TR3	Postpiriform transition area, layers 3
        HPF	Hippocampal formation
        HIP	Hippocampal region
        CA	Ammon's horn
        CA1	Field CA1
        CA1slm	Field CA1, stratum lacunosum-moleculare
        CA1so	Field CA1, stratum oriens
        CA1sp	Field CA1, pyramidal layer
        CA1sr	Field CA1, stratum radiatum
        CA2	Field CA2
        CA2slm	Field CA2, stratum lacunosum-moleculare
        CA2so	Field CA2, stratum oriens
        CA2sp	Field CA2, pyramidal layer
        CA2sr	Field CA2, stratum radiatum
        CA3	Field CA3
        CA3slm	Field CA3, stratum lacunosum-moleculare
        CA3slu	Field CA3, stratum lucidum
        CA3so	Field CA3, stratum oriens
        CA3sp	Field CA3, pyramidal layer
        CA3sr	Field CA3, stratum radiatum
        DG	Dentate gyrus
        DG-mo	Dentate gyrus, molecular layer
        DG-po	Dentate gyrus, polymorph layer
        DG-sg	Dentate gyrus, granule cell layer
        DG-sgz	Dentate gyrus, subgranular zone
        DGcr	Dentate gyrus crest
        DGcr-mo	Dentate gyrus crest, molecular layer
        DGcr-po	Dentate gyrus crest, polymorph layer
        DGcr-sg	Dentate gyrus crest, granule cell layer
        DGlb	Dentate gyrus lateral blade
        DGlb-mo	Dentate gyrus lateral blade, molecular layer
        DGlb-po	Dentate gyrus lateral blade, polymorph layer
        DGlb-sg	Dentate gyrus lateral blade, granule cell layer
        DGmb	Dentate gyrus medial blade
        DGmb-mo	Dentate gyrus medial blade, molecular layer
        DGmb-po	Dentate gyrus medial blade, polymorph layer
        DGmb-sg	Dentate gyrus medial blade, granule cell layer
        FC	Fasciola cinerea
        IG	Induseum griseum
        RHP	Retrohippocampal region
        ENT	Entorhinal area
        ENTl	Entorhinal area, lateral part
        ENTl1	Entorhinal area, lateral part, layer 1
        ENTl2	Entorhinal area, lateral part, layer 2
        ENTl2/3	Entorhinal area, lateral part, layer 2/3
        ENTl2a	Entorhinal area, lateral part, layer 2a
        ENTl2b	Entorhinal area, lateral part, layer 2b
        ENTl3	Entorhinal area, lateral part, layer 3
        ENTl4	Entorhinal area, lateral part, layer 4
        ENTl4/5	Entorhinal area, lateral part, layer 4/5
        ENTl5	Entorhinal area, lateral part, layer 5
        ENTl5/6	Entorhinal area, lateral part, layer 5/6
        ENTl6a	Entorhinal area, lateral part, layer 6a
        ENTl6b	Entorhinal area, lateral part, layer 6b
        ENTm	Entorhinal area, medial part, dorsal zone
        ENTm1	Entorhinal area, medial part, dorsal zone, layer 1
        ENTm2	Entorhinal area, medial part, dorsal zone, layer 2
        ENTm2a	Entorhinal area, medial part, dorsal zone, layer 2a
        ENTm2b	Entorhinal area, medial part, dorsal zone, layer 2b
        ENTm3	Entorhinal area, medial part, dorsal zone, layer 3
        ENTm4	Entorhinal area, medial part, dorsal zone, layer 4
        ENTm5	Entorhinal area, medial part, dorsal zone, layer 5
        ENTm5/6	Entorhinal area, medial part, dorsal zone, layer 5/6
        ENTm6	Entorhinal area, medial part, dorsal zone, layer 6
        ENTmv	Entorhinal area, medial part, ventral zone
        ENTmv1	Entorhinal area, medial part, ventral zone, layer 1
        ENTmv2	Entorhinal area, medial part, ventral zone, layer 2
        ENTmv3	Entorhinal area, medial part, ventral zone, layer 3
        ENTmv4	Entorhinal area, medial part, ventral zone, layer 4
        ENTmv5/6	Entorhinal area, medial part, ventral zone, layer 5/6
        PAR	Parasubiculum
        PAR1	Parasubiculum, layer 1
        PAR2	Parasubiculum, layer 2
        PAR3	Parasubiculum, layer 3
        POST	Postsubiculum
        POST1	Postsubiculum, layer 1
        POST2	Postsubiculum, layer 2
        POST3	Postsubiculum, layer 3
        PRE	Presubiculum
        PRE1	Presubiculum, layer 1
        PRE2	Presubiculum, layer 2
        PRE3	Presubiculum, layer 3
        SUB	Subiculum
        SUBd	Subiculum, dorsal part
        SUBd-m	Subiculum, dorsal part, molecular layer
        SUBd-sp	Subiculum, dorsal part, pyramidal layer
        SUBd-sr	Subiculum, dorsal part, stratum radiatum
        SUBv	Subiculum, ventral part
        SUBv-m	Subiculum, ventral part, molecular layer
        SUBv-sp	Subiculum, ventral part, pyramidal layer
        SUBv-sr	Subiculum, ventral part, stratum radiatum
        ProS	Prosubiculum
        ProSd	Prosubiculum, dorsal part
        ProSd-m	Prosubiculum, dorsal part, molecular layer
        ProSd-sp	Prosubiculum, dorsal part, pyramidal layer
        ProSd-sr	Prosubiculum, dorsal part, stratum radiatum
        ProSv	Prosubiculum, ventral part
        ProSv-m	Prosubiculum, ventral part, molecular layer
        ProSv-sp	Prosubiculum, ventral part, pyramidal layer
        Prosv-sr	Prosubiculum, ventral part, stratum radiatum
        HATA	Hippocampo-amygdalar transition area
        APr	Area prostriata
        CTXsp	Cortical subplate
        6b	Layer 6b, isocortex
        CLA	Claustrum
        EP	Endopiriform nucleus
        EPd	Endopiriform nucleus, dorsal part
        EPv	Endopiriform nucleus, ventral part
        LA	Lateral amygdalar nucleus
        BLA	Basolateral amygdalar nucleus
        BLAa	Basolateral amygdalar nucleus, anterior part
        BLAp	Basolateral amygdalar nucleus, posterior part
        BLAv	Basolateral amygdalar nucleus, ventral part
        BMA	Basomedial amygdalar nucleus
        BMAa	Basomedial amygdalar nucleus, anterior part
        BMAp	Basomedial amygdalar nucleus, posterior part
        PA	Posterior amygdalar nucleus
        CNU	Cerebral nuclei
        STR	Striatum
        STRd	Striatum dorsal region
        CP	Caudoputamen
        STRv	Striatum ventral region
        ACB	Nucleus accumbens
        FS	Fundus of striatum
        OT	Olfactory tubercle
        isl	Islands of Calleja
        islm	Major island of Calleja
        OT1-3	Olfactory tubercle, layers 1-3
        OT1	Olfactory tubercle, molecular layer
        OT2	Olfactory tubercle, pyramidal layer
        OT3	Olfactory tubercle, polymorph layer
        LSS	Lateral strip of striatum
        LSX	Lateral septal complex
        LS	Lateral septal nucleus
        LSc	Lateral septal nucleus, caudal (caudodorsal) part
        LSr	Lateral septal nucleus, rostral (rostroventral) part
        LSv	Lateral septal nucleus, ventral part
        SF	Septofimbrial nucleus
        SH	Septohippocampal nucleus
        sAMY	Striatum-like amygdalar nuclei
        AAA	Anterior amygdalar area
        BA	Bed nucleus of the accessory olfactory tract
        CEA	Central amygdalar nucleus
        CEAc	Central amygdalar nucleus, capsular part
        CEAl	Central amygdalar nucleus, lateral part
        CEAm	Central amygdalar nucleus, medial part
        IA	Intercalated amygdalar nucleus
        MEA	Medial amygdalar nucleus
        MEAad	Medial amygdalar nucleus, anterodorsal part
        MEAav	Medial amygdalar nucleus, anteroventral part
        MEApd	Medial amygdalar nucleus, posterodorsal part
        MEApd-a	Medial amygdalar nucleus, posterodorsal part, sublayer a
        MEApd-b	Medial amygdalar nucleus, posterodorsal part, sublayer b
        MEApd-c	Medial amygdalar nucleus, posterodorsal part, sublayer c
        MEApv	Medial amygdalar nucleus, posteroventral part
        PAL	Pallidum
        PALd	Pallidum, dorsal region
        GPe	Globus pallidus, external segment
        GPi	Globus pallidus, internal segment
        PALv	Pallidum, ventral region
        SI	Substantia innominata
        MA	Magnocellular nucleus
        PALm	Pallidum, medial region
        MSC	Medial septal complex
        MS	Medial septal nucleus
        NDB	Diagonal band nucleus
        TRS	Triangular nucleus of septum
        PALc	Pallidum, caudal region
        BST	Bed nuclei of the stria terminalis
        BSTa	Bed nuclei of the stria terminalis, anterior division
        BSTal	Bed nuclei of the stria terminalis, anterior division, anterolateral area
        BSTam	Bed nuclei of the stria terminalis, anterior division, anteromedial area
        BSTdm	Bed nuclei of the stria terminalis, anterior division, dorsomedial nucleus
        BSTfu	Bed nuclei of the stria terminalis, anterior division, fusiform nucleus
        BSTju	Bed nuclei of the stria terminalis, anterior division, juxtacapsular nucleus
        BSTmg	Bed nuclei of the stria terminalis, anterior division, magnocellular nucleus
        BSTov	Bed nuclei of the stria terminalis, anterior division, oval nucleus
        BSTrh	Bed nuclei of the stria terminalis, anterior division, rhomboid nucleus
        BSTv	Bed nuclei of the stria terminalis, anterior division, ventral nucleus
        BSTp	Bed nuclei of the stria terminalis, posterior division
        BSTd	Bed nuclei of the stria terminalis, posterior division, dorsal nucleus
        BSTpr	Bed nuclei of the stria terminalis, posterior division, principal nucleus
        BSTif	Bed nuclei of the stria terminalis, posterior division, interfascicular nucleus
        BSTtr	Bed nuclei of the stria terminalis, posterior division, transverse nucleus
        BSTse	Bed nuclei of the stria terminalis, posterior division, strial extension
        BAC	Bed nucleus of the anterior commissure
        BS	Brain stem
        IB	Interbrain
        TH	Thalamus
        DORsm	Thalamus, sensory-motor cortex related
        VENT	Ventral group of the dorsal thalamus
        VAL	Ventral anterior-lateral complex of the thalamus
        VM	Ventral medial nucleus of the thalamus
        VP	Ventral posterior complex of the thalamus
        VPL	Ventral posterolateral nucleus of the thalamus
        VPLpc	Ventral posterolateral nucleus of the thalamus, parvicellular part
        VPM	Ventral posteromedial nucleus of the thalamus
        VPMpc	Ventral posteromedial nucleus of the thalamus, parvicellular part
        PoT	Posterior triangular thalamic nucleus
        SPF	Subparafascicular nucleus
        SPFm	Subparafascicular nucleus, magnocellular part
        SPFp	Subparafascicular nucleus, parvicellular part
        SPA	Subparafascicular area
        PP	Peripeduncular nucleus
        GENd	Geniculate group, dorsal thalamus
        MG	Medial geniculate complex
        MGd	Medial geniculate complex, dorsal part
        MGv	Medial geniculate complex, ventral part
        MGm	Medial geniculate complex, medial part
        LGd	Dorsal part of the lateral geniculate complex
        LGd-sh	Dorsal part of the lateral geniculate complex, shell
        LGd-co	Dorsal part of the lateral geniculate complex, core
        LGd-ip	Dorsal part of the lateral geniculate complex, ipsilateral zone
        DORpm	Thalamus, polymodal association cortex related
        LAT	Lateral group of the dorsal thalamus
        LP	Lateral posterior nucleus of the thalamus
        PO	Posterior complex of the thalamus
        POL	Posterior limiting nucleus of the thalamus
        SGN	Suprageniculate nucleus
        Eth	Ethmoid nucleus of the thalamus
        REth	Retroethmoid nucleus
        ATN	Anterior group of the dorsal thalamus
        AV	Anteroventral nucleus of thalamus
        AM	Anteromedial nucleus
        AMd	Anteromedial nucleus, dorsal part
        AMv	Anteromedial nucleus, ventral part
        AD	Anterodorsal nucleus
        IAM	Interanteromedial nucleus of the thalamus
        IAD	Interanterodorsal nucleus of the thalamus
        LD	Lateral dorsal nucleus of thalamus
        MED	Medial group of the dorsal thalamus
        IMD	Intermediodorsal nucleus of the thalamus
        MD	Mediodorsal nucleus of thalamus
        MDc	Mediodorsal nucleus of the thalamus, central part
        MDl	Mediodorsal nucleus of the thalamus, lateral part
        MDm	Mediodorsal nucleus of the thalamus, medial part
        SMT	Submedial nucleus of the thalamus
        PR	Perireunensis nucleus
        MTN	Midline group of the dorsal thalamus
        PVT	Paraventricular nucleus of the thalamus
        PT	Parataenial nucleus
        RE	Nucleus of reuniens
        Xi	Xiphoid thalamic nucleus
        ILM	Intralaminar nuclei of the dorsal thalamus
        RH	Rhomboid nucleus
        CM	Central medial nucleus of the thalamus
        PCN	Paracentral nucleus
        CL	Central lateral nucleus of the thalamus
        PF	Parafascicular nucleus
        PIL	Posterior intralaminar thalamic nucleus
        RT	Reticular nucleus of the thalamus
        GENv	Geniculate group, ventral thalamus
        IGL	Intergeniculate leaflet of the lateral geniculate complex
        IntG	Intermediate geniculate nucleus
        LGv	Ventral part of the lateral geniculate complex
        LGvl	Ventral part of the lateral geniculate complex, lateral zone
        LGvm	Ventral part of the lateral geniculate complex, medial zone
        SubG	Subgeniculate nucleus
        EPI	Epithalamus
        MH	Medial habenula
        LH	Lateral habenula
        PIN	Pineal body
        HY	Hypothalamus
        PVZ	Periventricular zone
        SO	Supraoptic nucleus
        ASO	Accessory supraoptic group
        NC	Nucleus circularis
        PVH	Paraventricular hypothalamic nucleus
        PVHm	Paraventricular hypothalamic nucleus, magnocellular division
        PVHam	Paraventricular hypothalamic nucleus, magnocellular division, anterior magnocellular part
        PVHmm	Paraventricular hypothalamic nucleus, magnocellular division, medial magnocellular part
        PVHpm	Paraventricular hypothalamic nucleus, magnocellular division, posterior magnocellular part
        PVHpml	Paraventricular hypothalamic nucleus, magnocellular division, posterior magnocellular part, lateral zone
        PVHpmm	Paraventricular hypothalamic nucleus, magnocellular division, posterior magnocellular part, medial zone
        PVHp	Paraventricular hypothalamic nucleus, parvicellular division
        PVHap	Paraventricular hypothalamic nucleus, parvicellular division, anterior parvicellular part
        PVHmpd	Paraventricular hypothalamic nucleus, parvicellular division, medial parvicellular part, dorsal zone
        PVHpv	Paraventricular hypothalamic nucleus, parvicellular division, periventricular part
        PVa	Periventricular hypothalamic nucleus, anterior part
        PVi	Periventricular hypothalamic nucleus, intermediate part
        ARH	Arcuate hypothalamic nucleus
        PVR	Periventricular region
        ADP	Anterodorsal preoptic nucleus
        AHA	Anterior hypothalamic area
        AVP	Anteroventral preoptic nucleus
        AVPV	Anteroventral periventricular nucleus
        DMH	Dorsomedial nucleus of the hypothalamus
        DMHa	Dorsomedial nucleus of the hypothalamus, anterior part
        DMHp	Dorsomedial nucleus of the hypothalamus, posterior part
        DMHv	Dorsomedial nucleus of the hypothalamus, ventral part
        MEPO	Median preoptic nucleus
        MPO	Medial preoptic area
        OV	Vascular organ of the lamina terminalis
        PD	Posterodorsal preoptic nucleus
        PS	Parastrial nucleus
        PSCH	Suprachiasmatic preoptic nucleus
        PVp	Periventricular hypothalamic nucleus, posterior part
        PVpo	Periventricular hypothalamic nucleus, preoptic part
        SBPV	Subparaventricular zone
        SCH	Suprachiasmatic nucleus
        SFO	Subfornical organ
        VMPO	Ventromedial preoptic nucleus
        VLPO	Ventrolateral preoptic nucleus
        MEZ	Hypothalamic medial zone
        AHN	Anterior hypothalamic nucleus
        AHNa	Anterior hypothalamic nucleus, anterior part
        AHNc	Anterior hypothalamic nucleus, central part
        AHNd	Anterior hypothalamic nucleus, dorsal part
        AHNp	Anterior hypothalamic nucleus, posterior part
        MBO	Mammillary body
        LM	Lateral mammillary nucleus
        MM	Medial mammillary nucleus
        MMme	Medial mammillary nucleus, median part
        MMl	Medial mammillary nucleus, lateral part
        MMm	Medial mammillary nucleus, medial part
        MMp	Medial mammillary nucleus, posterior part
        MMd	Medial mammillary nucleus, dorsal part
        SUM	Supramammillary nucleus
        SUMl	Supramammillary nucleus, lateral part
        SUMm	Supramammillary nucleus, medial part
        TM	Tuberomammillary nucleus
        TMd	Tuberomammillary nucleus, dorsal part
        TMv	Tuberomammillary nucleus, ventral part
        MPN	Medial preoptic nucleus
        MPNc	Medial preoptic nucleus, central part
        MPNl	Medial preoptic nucleus, lateral part
        MPNm	Medial preoptic nucleus, medial part
        PMd	Dorsal premammillary nucleus
        PMv	Ventral premammillary nucleus
        PVHd	Paraventricular hypothalamic nucleus, descending division
        PVHdp	Paraventricular hypothalamic nucleus, descending division, dorsal parvicellular part
        PVHf	Paraventricular hypothalamic nucleus, descending division, forniceal part
        PVHlp	Paraventricular hypothalamic nucleus, descending division, lateral parvicellular part
        PVHmpv	Paraventricular hypothalamic nucleus, descending division, medial parvicellular part, ventral zone
        VMH	Ventromedial hypothalamic nucleus
        VMHa	Ventromedial hypothalamic nucleus, anterior part
        VMHc	Ventromedial hypothalamic nucleus, central part
        VMHdm	Ventromedial hypothalamic nucleus, dorsomedial part
        VMHvl	Ventromedial hypothalamic nucleus, ventrolateral part
        PH	Posterior hypothalamic nucleus
        LZ	Hypothalamic lateral zone
        LHA	Lateral hypothalamic area
        LPO	Lateral preoptic area
        PST	Preparasubthalamic nucleus
        PSTN	Parasubthalamic nucleus
        PeF	Perifornical nucleus
        RCH	Retrochiasmatic area
        STN	Subthalamic nucleus
        TU	Tuberal nucleus
        ZI	Zona incerta
        A13	Dopaminergic A13 group
        FF	Fields of Forel
        ME	Median eminence
        MB	Midbrain
        MBsen	Midbrain, sensory related
        SCs	Superior colliculus, sensory related
        SCop	Superior colliculus, optic layer
        SCsg	Superior colliculus, superficial gray layer
        SCzo	Superior colliculus, zonal layer
        IC	Inferior colliculus
        ICc	Inferior colliculus, central nucleus
        ICd	Inferior colliculus, dorsal nucleus
        ICe	Inferior colliculus, external nucleus
        NB	Nucleus of the brachium of the inferior colliculus
        SAG	Nucleus sagulum
        PBG	Parabigeminal nucleus
        MEV	Midbrain trigeminal nucleus
        SCO	Subcommissural organ
        MBmot	Midbrain, motor related
        SNr	Substantia nigra, reticular part
        VTA	Ventral tegmental area
        PN	Paranigral nucleus
        RR	Midbrain reticular nucleus, retrorubral area
        MRN	Midbrain reticular nucleus
        MRNm	Midbrain reticular nucleus, magnocellular part
        MRNmg	Midbrain reticular nucleus, magnocellular part, general
        MRNp	Midbrain reticular nucleus, parvicellular part
        SCm	Superior colliculus, motor related
        SCdg	Superior colliculus, motor related, deep gray layer
        SCdw	Superior colliculus, motor related, deep white layer
        SCiw	Superior colliculus, motor related, intermediate white layer
        SCig	Superior colliculus, motor related, intermediate gray layer
        SCig-a	Superior colliculus, motor related, intermediate gray layer, sublayer a
        SCig-b	Superior colliculus, motor related, intermediate gray layer, sublayer b
        SCig-c	Superior colliculus, motor related, intermediate gray layer, sublayer c
        PAG	Periaqueductal gray
        PRC	Precommissural nucleus
        INC	Interstitial nucleus of Cajal
        ND	Nucleus of Darkschewitsch
        Su3	Supraoculomotor periaqueductal gray
        PRT	Pretectal region
        APN	Anterior pretectal nucleus
        MPT	Medial pretectal area
        NOT	Nucleus of the optic tract
        NPC	Nucleus of the posterior commissure
        OP	Olivary pretectal nucleus
        PPT	Posterior pretectal nucleus
        RPF	Retroparafascicular nucleus
        InCo	Intercollicular nucleus
        CUN	Cuneiform nucleus
        RN	Red nucleus
        III	Oculomotor nucleus
        MA3	Medial accesory oculomotor nucleus
        EW	Edinger-Westphal nucleus
        IV	Trochlear nucleus
        Pa4	Paratrochlear nucleus
        VTN	Ventral tegmental nucleus
        AT	Anterior tegmental nucleus
        LT	Lateral terminal nucleus of the accessory optic tract
        DT	Dorsal terminal nucleus of the accessory optic tract
        MT	Medial terminal nucleus of the accessory optic tract
        SNl	Substantia nigra, lateral part
        MBsta	Midbrain, behavioral state related
        SNc	Substantia nigra, compact part
        PPN	Pedunculopontine nucleus
        RAmb	Midbrain raphe nuclei
        IF	Interfascicular nucleus raphe
        IPN	Interpeduncular nucleus
        IPR	Interpeduncular nucleus, rostral
        IPC	Interpeduncular nucleus, caudal
        IPA	Interpeduncular nucleus, apical
        IPL	Interpeduncular nucleus, lateral
        IPI	Interpeduncular nucleus, intermediate
        IPDM	Interpeduncular nucleus, dorsomedial
        IPDL	Interpeduncular nucleus, dorsolateral
        IPRL	Interpeduncular nucleus, rostrolateral
        RL	Rostral linear nucleus raphe
        CLI	Central linear nucleus raphe
        DR	Dorsal nucleus raphe
        HB	Hindbrain
        P	Pons
        P-sen	Pons, sensory related
        NLL	Nucleus of the lateral lemniscus
        NLLd	Nucleus of the lateral lemniscus, dorsal part
        NLLh	Nucleus of the lateral lemniscus, horizontal part
        NLLv	Nucleus of the lateral lemniscus, ventral part
        PSV	Principal sensory nucleus of the trigeminal
        PB	Parabrachial nucleus
        KF	Koelliker-Fuse subnucleus
        PBl	Parabrachial nucleus, lateral division
        PBlc	Parabrachial nucleus, lateral division, central lateral part
        PBld	Parabrachial nucleus, lateral division, dorsal lateral part
        PBle	Parabrachial nucleus, lateral division, external lateral part
        PBls	Parabrachial nucleus, lateral division, superior lateral part
        PBlv	Parabrachial nucleus, lateral division, ventral lateral part
        PBm	Parabrachial nucleus, medial division
        PBme	Parabrachial nucleus, medial division, external medial part
        PBmm	Parabrachial nucleus, medial division, medial medial part
        PBmv	Parabrachial nucleus, medial division, ventral medial part
        SOC	Superior olivary complex
        POR	Superior olivary complex, periolivary region
        SOCm	Superior olivary complex, medial part
        SOCl	Superior olivary complex, lateral part
        P-mot	Pons, motor related
        B	Barrington's nucleus
        DTN	Dorsal tegmental nucleus
        LTN	Lateral tegmental nucleus
        PDTg	Posterodorsal tegmental nucleus
        PCG	Pontine central gray
        PG	Pontine gray
        PRNc	Pontine reticular nucleus, caudal part
        PRNv	Pontine reticular nucleus, ventral part
        SG	Supragenual nucleus
        SSN	Superior salivatory nucleus
        SUT	Supratrigeminal nucleus
        TRN	Tegmental reticular nucleus
        V	Motor nucleus of trigeminal
        P5	Peritrigeminal zone
        Acs5	Accessory trigeminal nucleus
        PC5	Parvicellular motor 5 nucleus
        I5	Intertrigeminal nucleus
        P-sat	Pons, behavioral state related
        CS	Superior central nucleus raphe
        CSl	Superior central nucleus raphe, lateral part
        CSm	Superior central nucleus raphe, medial part
        LC	Locus ceruleus
        LDT	Laterodorsal tegmental nucleus
        NI	Nucleus incertus
        PRNr	Pontine reticular nucleus
        RPO	Nucleus raphe pontis
        SLC	Subceruleus nucleus
        SLD	Sublaterodorsal nucleus
        MY	Medulla
        MY-sen	Medulla, sensory related
        AP	Area postrema
        CN	Cochlear nuclei
        CNlam	Granular lamina of the cochlear nuclei
        CNspg	Cochlear nucleus, subpedunclular granular region
        DCO	Dorsal cochlear nucleus
        VCO	Ventral cochlear nucleus
        DCN	Dorsal column nuclei
        CU	Cuneate nucleus
        GR	Gracile nucleus
        ECU	External cuneate nucleus
        NTB	Nucleus of the trapezoid body
        NTS	Nucleus of the solitary tract
        NTSce	Nucleus of the solitary tract, central part
        NTSco	Nucleus of the solitary tract, commissural part
        NTSge	Nucleus of the solitary tract, gelatinous part
        NTSl	Nucleus of the solitary tract, lateral part
        NTSm	Nucleus of the solitary tract, medial part
        SPVC	Spinal nucleus of the trigeminal, caudal part
        SPVI	Spinal nucleus of the trigeminal, interpolar part
        SPVO	Spinal nucleus of the trigeminal, oral part
        SPVOcdm	Spinal nucleus of the trigeminal, oral part, caudal dorsomedial part
        SPVOmdmd	Spinal nucleus of the trigeminal, oral part, middle dorsomedial part, dorsal zone
        SPVOmdmv	Spinal nucleus of the trigeminal, oral part, middle dorsomedial part, ventral zone
        SPVOrdm	Spinal nucleus of the trigeminal, oral part, rostral dorsomedial part
        SPVOvl	Spinal nucleus of the trigeminal, oral part, ventrolateral part
        Pa5	Paratrigeminal nucleus
        z	Nucleus z
        MY-mot	Medulla, motor related
        VI	Abducens nucleus
        ACVI	Accessory abducens nucleus
        VII	Facial motor nucleus
        ACVII	Accessory facial motor nucleus
        EV	Efferent vestibular nucleus
        AMB	Nucleus ambiguus
        AMBd	Nucleus ambiguus, dorsal division
        AMBv	Nucleus ambiguus, ventral division
        DMX	Dorsal motor nucleus of the vagus nerve
        ECO	Efferent cochlear group
        GRN	Gigantocellular reticular nucleus
        ICB	Infracerebellar nucleus
        IO	Inferior olivary complex
        IRN	Intermediate reticular nucleus
        ISN	Inferior salivatory nucleus
        LIN	Linear nucleus of the medulla
        LRN	Lateral reticular nucleus
        LRNm	Lateral reticular nucleus, magnocellular part
        LRNp	Lateral reticular nucleus, parvicellular part
        MARN	Magnocellular reticular nucleus
        MDRN	Medullary reticular nucleus
        MDRNd	Medullary reticular nucleus, dorsal part
        MDRNv	Medullary reticular nucleus, ventral part
        PARN	Parvicellular reticular nucleus
        PAS	Parasolitary nucleus
        PGRN	Paragigantocellular reticular nucleus
        PGRNd	Paragigantocellular reticular nucleus, dorsal part
        PGRNl	Paragigantocellular reticular nucleus, lateral part
        PHY	Perihypoglossal nuclei
        NIS	Nucleus intercalatus
        NR	Nucleus of Roller
        PRP	Nucleus prepositus
        PMR	Paramedian reticular nucleus
        PPY	Parapyramidal nucleus
        PPYd	Parapyramidal nucleus, deep part
        PPYs	Parapyramidal nucleus, superficial part
        VNC	Vestibular nuclei
        LAV	Lateral vestibular nucleus
        MV	Medial vestibular nucleus
        SPIV	Spinal vestibular nucleus
        SUV	Superior vestibular nucleus
        x	Nucleus x
        XII	Hypoglossal nucleus
        y	Nucleus y
        INV	Interstitial nucleus of the vestibular nerve
        MY-sat	Medulla, behavioral state related
        RM	Nucleus raphe magnus
        RPA	Nucleus raphe pallidus
        RO	Nucleus raphe obscurus
        CB	Cerebellum
        CBX	Cerebellar cortex
        CBXmo	Cerebellar cortex, molecular layer
        CBXpu	Cerebellar cortex, Purkinje layer
        CBXgr	Cerebellar cortex, granular layer
        VERM	Vermal regions
        LING	Lingula (I)
        LINGmo	Lingula (I), molecular layer
        LINGpu	Lingula (I), Purkinje layer
        LINGgr	Lingula (I), granular layer
        CENT	Central lobule
        CENT2	Lobule II
        CENT2mo	Lobule II, molecular layer
        CENT2pu	Lobule II, Purkinje layer
        CENT2gr	Lobule II, granular layer
        CENT3	Lobule III
        CENT3mo	Lobule III, molecular layer
        CENT3pu	Lobule III, Purkinje layer
        CENT3gr	Lobule III, granular layer
        CUL	Culmen
        CUL4	Lobule IV
        CUL4mo	Lobule IV, molecular layer
        CUL4pu	Lobule IV, Purkinje layer
        CUL4gr	Lobule IV, granular layer
        CUL5	Lobule V
        CUL5mo	Lobule V, molecular layer
        CUL5pu	Lobule V, Purkinje layer
        CUL5gr	Lobule V, granular layer
        CUL4, 5	Lobules IV-V
        CUL4, 5mo	Lobules IV-V, molecular layer
        CUL4, 5pu	Lobules IV-V, Purkinje layer
        CUL4, 5gr	Lobules IV-V, granular layer
        DEC	Declive (VI)
        DECmo	Declive (VI), molecular layer
        DECpu	Declive (VI), Purkinje layer
        DECgr	Declive (VI), granular layer
        FOTU	Folium-tuber vermis (VII)
        FOTUmo	Folium-tuber vermis (VII), molecular layer
        FOTUpu	Folium-tuber vermis (VII), Purkinje layer
        FOTUgr	Folium-tuber vermis (VII), granular layer
        PYR	Pyramus (VIII)
        PYRmo	Pyramus (VIII), molecular layer
        PYRpu	Pyramus (VIII), Purkinje layer
        PYRgr	Pyramus (VIII), granular layer
        UVU	Uvula (IX)
        UVUmo	Uvula (IX), molecular layer
        UVUpu	Uvula (IX), Purkinje layer
        UVUgr	Uvula (IX), granular layer
        NOD	Nodulus (X)
        NODmo	Nodulus (X), molecular layer
        NODpu	Nodulus (X), Purkinje layer
        NODgr	Nodulus (X), granular layer
        HEM	Hemispheric regions
        SIM	Simple lobule
        SIMmo	Simple lobule, molecular layer
        SIMpu	Simple lobule, Purkinje layer
        SIMgr	Simple lobule, granular layer
        AN	Ansiform lobule
        ANcr1	Crus 1
        ANcr1mo	Crus 1, molecular layer
        ANcr1pu	Crus 1, Purkinje layer
        ANcr1gr	Crus 1, granular layer
        ANcr2	Crus 2
        ANcr2mo	Crus 2, molecular layer
        ANcr2pu	Crus 2, Purkinje layer
        ANcr2gr	Crus 2, granular layer
        PRM	Paramedian lobule
        PRMmo	Paramedian lobule, molecular layer
        PRMpu	Paramedian lobule, Purkinje layer
        PRMgr	Paramedian lobule, granular layer
        COPY	Copula pyramidis
        COPYmo	Copula pyramidis, molecular layer
        COPYpu	Copula pyramidis, Purkinje layer
        COPYgr	Copula pyramidis, granular layer
        PFL	Paraflocculus
        PFLmo	Paraflocculus, molecular layer
        PFLpu	Paraflocculus, Purkinje layer
        PFLgr	Paraflocculus, granular layer
        FL	Flocculus
        FLmo	Flocculus, molecular layer
        FLpu	Flocculus, Purkinje layer
        FLgr	Flocculus, granular layer
        CBN	Cerebellar nuclei
        FN	Fastigial nucleus
        IP	Interposed nucleus
        DN	Dentate nucleus
        VeCB	Vestibulocerebellar nucleus
        fiber tracts	fiber tracts
        cm	cranial nerves
        tn	terminal nerve
        von	vomeronasal nerve
        In	olfactory nerve
        onl	olfactory nerve layer of main olfactory bulb
        lotg	lateral olfactory tract, general
        lot	lateral olfactory tract, body
        lotd	dorsal limb
        aolt	accessory olfactory tract
        aco	anterior commissure, olfactory limb
        IIn	optic nerve
        aot	accessory optic tract
        bsc	brachium of the superior colliculus
        csc	superior colliculus commissure
        och	optic chiasm
        opt	optic tract
        ttp	tectothalamic pathway
        IIIn	oculomotor nerve
        mlf	medial longitudinal fascicle
        pc	posterior commissure
        IVn	trochlear nerve
        IVd	trochlear nerve decussation
        VIn	abducens nerve
        Vn	trigeminal nerve
        moV	motor root of the trigeminal nerve
        sV	sensory root of the trigeminal nerve
        mtV	midbrain tract of the trigeminal nerve
        sptV	spinal tract of the trigeminal nerve
        VIIn	facial nerve
        iVIIn	intermediate nerve
        gVIIn	genu of the facial nerve
        VIIIn	vestibulocochlear nerve
        cvb	efferent cochleovestibular bundle
        vVIIIn	vestibular nerve
        cVIIIn	cochlear nerve
        tb	trapezoid body
        ias	intermediate acoustic stria
        das	dorsal acoustic stria
        ll	lateral lemniscus
        cic	inferior colliculus commissure
        bic	brachium of the inferior colliculus
        IXn	glossopharyngeal nerve
        Xn	vagus nerve
        ts	solitary tract
        XIn	accessory spinal nerve
        XIIn	hypoglossal nerve
        vrt	ventral roots
        drt	dorsal roots
        cett	cervicothalamic tract
        dl	dorsolateral fascicle
        dcm	dorsal commissure of the spinal cord
        vc	ventral commissure of the spinal cord
        fpr	fasciculus proprius
        dc	dorsal column
        cuf	cuneate fascicle
        grf	gracile fascicle
        iaf	internal arcuate fibers
        ml	medial lemniscus
        sst	spinothalamic tract
        sttl	lateral spinothalamic tract
        sttv	ventral spinothalamic tract
        scrt	spinocervical tract
        sop	spino-olivary pathway
        srp	spinoreticular pathway
        svp	spinovestibular pathway
        stp	spinotectal pathway
        shp	spinohypothalamic pathway
        step	spinotelenchephalic pathway
        hht	hypothalamohypophysial tract
        cbf	cerebellum related fiber tracts
        cbc	cerebellar commissure
        cbp	cerebellar peduncles
        scp	superior cerebelar peduncles
        dscp	superior cerebellar peduncle decussation
        sct	spinocerebellar tract
        uf	uncinate fascicle
        sctv	ventral spinocerebellar tract
        mcp	middle cerebellar peduncle
        icp	inferior cerebellar peduncle
        sctd	dorsal spinocerebellar tract
        cct	cuneocerebellar tract
        jrb	juxtarestiform body
        bct	bulbocerebellar tract
        oct	olivocerebellar tract
        rct	reticulocerebellar tract
        tct	trigeminocerebellar tract
        arb	arbor vitae
        scwm	supra-callosal cerebral white matter
        lfbs	lateral forebrain bundle system
        cc	corpus callosum
        fa	corpus callosum, anterior forceps
        ec	external capsule
        ee	corpus callosum, extreme capsule
        ccg	genu of corpus callosum
        fp	corpus callosum, posterior forceps
        ccr	corpus callosum, rostrum
        ccb	corpus callosum, body
        ccs	corpus callosum, splenium
        cst	corticospinal tract
        int	internal capsule
        cpd	cerebal peduncle
        cte	corticotectal tract
        crt	corticorubral tract
        cpt	corticopontine tract
        cbt	corticobulbar tract
        py	pyramid
        pyd	pyramidal decussation
        cstc	corticospinal tract, crossed
        cstu	corticospinal tract, uncrossed
        lfbst	thalamus related
        em	external medullary lamina of the thalamus
        im	internal medullary lamina of the thalamus
        mtc	middle thalamic commissure
        tp	thalamic peduncles
        or	optic radiation
        ar	auditory radiation
        eps	extrapyramidal fiber systems
        epsc	cerebral nuclei related
        pap	pallidothalamic pathway
        nst	nigrostriatal tract
        ntt	nigrothalamic fibers
        ptf	pallidotegmental fascicle
        snp	striatonigral pathway
        stf	subthalamic fascicle
        tsp	tectospinal pathway
        tspd	direct tectospinal pathway
        dtd	doral tegmental decussation
        tspc	crossed tectospinal pathway
        rust	rubrospinal tract
        vtd	ventral tegmental decussation
        rrt	rubroreticular tract
        ctb	central tegmental bundle
        rst	retriculospinal tract
        rstl	retriculospinal tract, lateral part
        rstm	retriculospinal tract, medial part
        vsp	vestibulospinal pathway
        mfbs	medial forebrain bundle system
        mfbc	cerebrum related
        amc	amygdalar capsule
        apd	ansa peduncularis
        act	anterior commissure, temporal limb
        cing	cingulum bundle
        fxs	fornix system
        alv	alveus
        df	dorsal fornix
        fi	fimbria
        fxprg	precommissural fornix, general
        db	precommissural fornix diagonal band
        fxpo	postcommissural fornix
        mct	medial corticohypothalamic tract
        fx	columns of the fornix
        hc	hippocampal commissures
        dhc	dorsal hippocampal commissure
        vhc	ventral hippocampal commissure
        per	perforant path
        ab	angular path
        lab	longitudinal association bundle
        st	stria terminalis
        stc	commissural branch of stria terminalis
        mfsbshy	hypothalamus related
        mfb	medial forebrain bundle
        vlt	ventrolateral hypothalamic tract
        poc	preoptic commissure
        sup	supraoptic commissures
        supa	supraoptic commissures, anterior
        supd	supraoptic commissures, dorsal
        supv	supraoptic commissures, ventral
        pmx	premammillary commissure
        smd	supramammillary decussation
        php	propriohypothalamic pathways
        phpd	propriohypothalamic pathways, dorsal
        phpl	propriohypothalamic pathways, lateral
        phpm	propriohypothalamic pathways, medial
        phpv	propriohypothalamic pathways, ventral
        pvbh	periventricular bundle of the hypothalamus
        mfbsma	mammillary related
        pm	principal mammillary tract
        mtt	mammillothalamic tract
        mtg	mammillotegmental tract
        mp	mammillary peduncle
        mfbst	dorsal thalamus related
        pvbt	periventricular bundle of the thalamus
        mfbse	epithalamus related
        sm	stria medullaris
        fr	fasciculus retroflexus
        hbc	habenular commissure
        PIS	pineal stalk
        mfbsm	midbrain related
        dlf	dorsal longitudinal fascicle
        dtt	dorsal tegmental tract
        VS	ventricular systems
        VL	lateral ventricle
        RC	rhinocele
        SEZ	subependymal zone
        chpl	choroid plexus
        chfl	choroid fissure
        IVF	interventricular foramen
        V3	third ventricle
        AQ	cerebral aqueduct
        V4	fourth ventricle
        V4r	lateral recess
        c	central canal, spinal cord/medulla
        grv	grooves
        grv of CTX	grooves of the cerebral cortex
        eg	endorhinal groove
        hf	hippocampal fissure
        rf	rhinal fissure
        ri	rhinal incisure
        grv of CBX	grooves of the cerebellar cortex
        pce	precentral fissure
        pcf	preculminate fissure
        pri	primary fissure
        psf	posterior superior fissure
        ppf	prepyramidal fissure
        sec	secondary fissure
        plf	posterolateral fissure
        nf	nodular fissure
        sif	simple fissure
        icf	intercrural fissure
        apf	ansoparamedian fissure
        ipf	intraparafloccular fissure
        pms	paramedian sulcus
        pfs	parafloccular sulcus
        IPF	Interpeduncular fossa
        retina	retina
        """
}
